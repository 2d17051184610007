#pragma once

#include "simulation_result.h"

#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <memory>

// The (v, u) phase plane of the latest run: the trajectory, the v- and
// u-nullclines, the fixed points marked by type, and the vpeak and reset
// (v = c) lines. It follows the sliders live; a time cursor (the hover over
// the traces) marks (v(t), u(t)) and draws the v-nullcline for I(t).
class PhasePlaneView : public QChartView {
    Q_OBJECT

public:
    explicit PhasePlaneView(QWidget* parent = nullptr);

    void showResult(const std::shared_ptr<const SimulationResult>& result);
    void setCursorTime(double t); // NaN: no cursor; nullcline for the run's final input
    void applyPalette(bool dark);

    QLineSeries* trajectory() const { return trajectory_; }
    QLineSeries* vNullcline() const { return vNullcline_; }
    QLineSeries* uNullcline() const { return uNullcline_; }
    QList<QScatterSeries*> fixedPointSeries() const { return fixedPoints_; }
    QScatterSeries* cursor() const { return cursor_; }

private:
    void drawNullclinesFor(double current);

    std::shared_ptr<const SimulationResult> result_;
    QLineSeries* trajectory_;
    QLineSeries* vNullcline_;
    QLineSeries* uNullcline_;
    QLineSeries* peakLine_;
    QLineSeries* resetLine_;
    QList<QScatterSeries*> fixedPoints_; // one series per type, for the legend
    QScatterSeries* cursor_;
    QValueAxis* vAxis_;
    QValueAxis* uAxis_;
};
