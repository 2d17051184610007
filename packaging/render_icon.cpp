// SPDX-License-Identifier: GPL-3.0-or-later
// Build-time tool: renders the scalable icon to a square PNG of the given
// size with Qt's own SVG renderer (Qt6::Svg, already a dependency of the
// explorer), so the PNG icons are generated from the SVG without adding a
// build dependency, and the icon is drawn by the renderer the app itself uses.
//
//   izh_render_icon INPUT.svg SIZE OUTPUT.png
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s INPUT.svg SIZE OUTPUT.png\n", argv[0]);
        return 2;
    }
    QGuiApplication app(argc, argv); // offscreen platform: set by the build rule
    QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
    const int size = QString::fromLocal8Bit(argv[2]).toInt();
    if (!renderer.isValid() || size <= 0 || size > 4096) {
        std::fprintf(stderr, "izh_render_icon: cannot render '%s' at size '%s'\n", argv[1], argv[2]);
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
        std::fprintf(stderr, "izh_render_icon: cannot write '%s'\n", argv[3]);
        return 1;
    }
    return 0;
}
