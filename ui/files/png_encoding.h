// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

class QImage;

// `image` as PNG file bytes; empty if encoding failed. Every image export
// (plots, galleries, heat maps) encodes through here before writing
// atomically.
QByteArray encodePng(const QImage& image);
