// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/controller/simulation_result.h"
#include "ui/plots/trace_chart_view.h"

#include <QWidget>
#include <memory>

class QLabel;

// The stacked plots — v(t) with spike markers, u(t), I(t) — sharing one time
// axis, with an optional faint "pinned" trace to compare against. Used by the
// window and, offscreen, by the PNG/SVG export of the command line.
class PlotPanel : public QWidget {
    Q_OBJECT

public:
    explicit PlotPanel(QWidget* parent = nullptr);

    void showResult(const std::shared_ptr<const SimulationResult>& result);
    void setPinned(const std::shared_ptr<const SimulationResult>& pinned); // nullptr clears
    void setTimeRange(double t0, double t1); // zoom all plots (emits viewChanged)
    void resetZoom();
    PlotView currentView() const; // the visible window in pixel columns of the plots
    void applyPalette(bool dark);
    void setMessage(const QString& text); // e.g. "diverged at t = ..."

    TraceChartView* voltageView() const { return v_; }
    TraceChartView* recoveryView() const { return u_; }
    TraceChartView* currentView_() const { return i_; }
    std::shared_ptr<const SimulationResult> result() const { return result_; }
    std::shared_ptr<const SimulationResult> pinnedResult() const { return pinned_; }
    bool isDark() const { return dark_; }
    std::pair<double, double> timeRange() const { return {t0_, t1_}; }

signals:
    void viewChanged(const PlotView& view); // zoom, pan or resize: re-reduce
    void hovered(double t);                  // NaN when away
    void repainted();                        // a result's plots were painted

private:
    void onPlotAreaChanged();
    void fitValueAxes();
    void alignPlotAreas();
    QList<QPointF> pinnedPoints(const QList<QPointF>& points) const;

    TraceChartView *v_, *u_, *i_;
    QLabel* message_;
    std::shared_ptr<const SimulationResult> result_, pinned_;
    double t0_ = 0, t1_ = 0;
    bool zoomed_ = false;
    bool paintPending_ = false;
    bool dark_ = false;
    int lastColumns_ = 0;
};
