// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/plot_export.h"

#include "ui/controller/plot_series_builder.h"
#include "ui/files/atomic_outputs.h"
#include "ui/files/png_encoding.h"
#include "ui/plots/plot_panel.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace {

std::shared_ptr<const SimulationResult> reducedFor(const SimulationResult& result,
                                                   const PlotView& view) {
    auto copy = std::make_shared<SimulationResult>(result);
    copy->view = view;
    copy->series = buildPlotSeries(*result.trajectory, result.request.model.vpeak, view);
    return copy;
}

// An offscreen panel laid out at the requested size, showing `result` over
// [t0, t1] (the whole run when t1 <= t0).
std::unique_ptr<PlotPanel> layOut(const std::shared_ptr<const SimulationResult>& result,
                                  const PlotImageOptions& options, double t0, double t1) {
    auto panel = std::make_unique<PlotPanel>();
    panel->setAttribute(Qt::WA_DontShowOnScreen);
    panel->applyPalette(options.dark);
    panel->resize(options.size);
    panel->show();
    QCoreApplication::processEvents();
    if (!(t1 > t0)) {
        t0 = 0;
        t1 = result->request.settings.duration;
    }
    const PlotView view{t0, t1, std::max(1, int(options.size.width() * options.scale))};
    panel->showResult(reducedFor(*result, view));
    panel->setPinned(options.pinned);
    // Layout settles in a few passes (the plot areas are aligned after the
    // axes have measured their labels).
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::processEvents();
    return panel;
}

bool save(const QString& path, const QByteArray& bytes, QString* error) {
    return writeFileAtomically("image", path, bytes, error);
}

bool checkResult(const std::shared_ptr<const SimulationResult>& result, QString* error) {
    if (result && result->trajectory)
        return true;
    if (error)
        *error = "there is no simulated trajectory to draw";
    return false;
}

// Empty, with `error` set, if encoding failed.
QByteArray renderPng(PlotPanel& panel, QSize size, qreal scale, QString* error) {
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(panel.isDark() ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    panel.render(&painter);
    painter.end();
    QByteArray bytes = encodePng(image);
    if (bytes.isEmpty() && error)
        *error = "cannot encode the plot as PNG";
    return bytes;
}

QByteArray renderSvg(PlotPanel& panel, QSize size) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle("Izhikevich Explorer plot");
    generator.setDescription("v(t), u(t) and I(t) of an Izhikevich neuron");
    QPainter painter(&generator);
    panel.render(&painter);
    painter.end();
    return bytes;
}

} // namespace

QByteArray renderResultPng(const std::shared_ptr<const SimulationResult>& result,
                           const PlotImageOptions& options, QString* error) {
    if (!checkResult(result, error))
        return {};
    auto panel = layOut(result, options, 0, 0);
    return renderPng(*panel, options.size, options.scale, error);
}

QByteArray renderResultSvg(const std::shared_ptr<const SimulationResult>& result,
                           const PlotImageOptions& options, QString* error) {
    if (!checkResult(result, error))
        return {};
    auto panel = layOut(result, options, 0, 0);
    return renderSvg(*panel, options.size);
}

bool writeResultPng(const std::shared_ptr<const SimulationResult>& result, const QString& path,
                    const PlotImageOptions& options, QString* error) {
    const QByteArray bytes = renderResultPng(result, options, error);
    return !bytes.isEmpty() && save(path, bytes, error);
}

bool writeResultSvg(const std::shared_ptr<const SimulationResult>& result, const QString& path,
                    const PlotImageOptions& options, QString* error) {
    const QByteArray bytes = renderResultSvg(result, options, error);
    return !bytes.isEmpty() && save(path, bytes, error);
}

bool writePlotPng(const PlotPanel& source, const QString& path, QSize size, qreal scale,
                  QString* error) {
    if (!checkResult(source.result(), error))
        return false;
    PlotImageOptions options{size, scale, source.isDark(), source.pinnedResult()};
    const auto [t0, t1] = source.timeRange();
    auto panel = layOut(source.result(), options, t0, t1);
    const QByteArray bytes = renderPng(*panel, size, scale, error);
    return !bytes.isEmpty() && save(path, bytes, error);
}

bool writePlotSvg(const PlotPanel& source, const QString& path, QSize size, QString* error) {
    if (!checkResult(source.result(), error))
        return false;
    PlotImageOptions options{size, 1.0, source.isDark(), source.pinnedResult()};
    const auto [t0, t1] = source.timeRange();
    auto panel = layOut(source.result(), options, t0, t1);
    return save(path, renderSvg(*panel, size), error);
}
