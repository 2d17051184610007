// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/parameter_sweep.h"
#include "ui/sweep/sweep_metric.h"

#include <QWidget>
#include <memory>
#include <optional>

// The result of a two-parameter sweep as a heat map: one cell per grid point,
// x to the right and y upwards, under a title naming the metric and the two
// parameters, with tick labels, a colour bar (viridis, a perceptual map) for
// numeric metrics or a key of categorical colours for the firing-pattern
// classes. Hovering reports the cell; clicking asks to load it. render()
// draws the same picture into an image, also without a display (--sweep --png).
class HeatMapView : public QWidget {
    Q_OBJECT

public:
    using Metric = SweepMetric;

    explicit HeatMapView(QWidget* parent = nullptr);
    void setResult(std::shared_ptr<const izh::SweepResult> result);
    void setMetric(Metric metric);
    std::shared_ptr<const izh::SweepResult> result() const { return result_; }

    // The cell under a widget position, or false when outside the map.
    bool cellAt(QPoint position, std::size_t& i, std::size_t& j) const;
    QRect mapRect() const { return mapRectFor(size()); }

    // The heat map as drawn at `size` logical pixels, `scale` device pixels each.
    QImage render(QSize size, qreal scale = 2.0) const;

signals:
    void cellHovered(const QString& description); // empty when outside
    void cellClicked(std::size_t i, std::size_t j);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QRect mapRectFor(QSize size) const;
    void paint(QPainter& painter, QSize size) const;
    std::optional<double> valueOf(const izh::SweepCell& cell) const;
    QColor colourOf(const izh::SweepCell& cell, double lo, double hi) const;
    QString describe(std::size_t i, std::size_t j) const;

    std::shared_ptr<const izh::SweepResult> result_;
    Metric metric_ = Metric::SpikeCount;
};
