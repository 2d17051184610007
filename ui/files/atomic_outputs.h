// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/csv_format.h"

#include <QByteArrayView>
#include <QString>
#include <functional>

// One file the window writes, atomically (core/io/output_files.h): `fill`
// writes its contents through `write`; the file appears whole or not at all.
// On failure returns false with `error` naming the problem; an existing file
// is left as it was.
bool writeFileAtomically(const QString& label, const QString& path,
                         const std::function<bool(const izh::ChunkWriter& write)>& fill,
                         QString* error);
bool writeFileAtomically(const QString& label, const QString& path, QByteArrayView bytes,
                         QString* error);
