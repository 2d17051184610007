#pragma once

#include "parameter_sweep.h"

#include <QWidget>
#include <memory>

// The result of a two-parameter sweep as a heat map: one cell per grid point,
// x to the right and y upwards, with tick labels, a colour bar (viridis, a
// perceptual map) for numeric metrics or a key of categorical colours for the
// firing-pattern classes. Hovering reports the cell; clicking asks to load it.
class HeatMapView : public QWidget {
    Q_OBJECT

public:
    enum class Metric { SpikeCount, Rate, FirstSpike, CvIsi, Pattern };
    static QString metricTitle(Metric metric);

    explicit HeatMapView(QWidget* parent = nullptr);
    void setResult(std::shared_ptr<const izh::SweepResult> result);
    void setMetric(Metric metric);
    std::shared_ptr<const izh::SweepResult> result() const { return result_; }

    // The cell under a widget position, or false when outside the map.
    bool cellAt(QPoint position, std::size_t& i, std::size_t& j) const;
    QRect mapRect() const;

signals:
    void cellHovered(const QString& description); // empty when outside
    void cellClicked(std::size_t i, std::size_t j);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    std::optional<double> valueOf(const izh::SweepCell& cell) const;
    QColor colourOf(const izh::SweepCell& cell, double lo, double hi) const;
    QString describe(std::size_t i, std::size_t j) const;

    std::shared_ptr<const izh::SweepResult> result_;
    Metric metric_ = Metric::SpikeCount;
};
