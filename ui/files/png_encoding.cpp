// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/files/png_encoding.h"

#include <QBuffer>
#include <QImage>

QByteArray encodePng(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return bytes;
}
