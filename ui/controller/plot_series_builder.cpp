// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/controller/plot_series_builder.h"

#include "core/analysis/column_envelope.h"

#include <algorithm>
#include <cmath>

namespace {

// Few samples in the window: the samples themselves (plus one beyond each
// edge, so lines reach the plot's borders). Otherwise min/max per column,
// ordered so the polyline continues from where the previous column ended.
QList<QPointF> seriesFor(const izh::SampleVector& samples, double dt, const PlotView& view) {
    QList<QPointF> points;
    const std::size_t count = samples.size();
    if (count == 0)
        return points;
    const std::size_t inWindow = izh::samplesInWindow(count, dt, view.t0, view.t1);
    if (inWindow <= static_cast<std::size_t>(2 * view.columns)) {
        const double first = std::max(0.0, std::floor(view.t0 / dt) );
        const double last = std::min(static_cast<double>(count - 1), std::ceil(view.t1 / dt));
        for (auto j = static_cast<std::size_t>(first); j <= static_cast<std::size_t>(last); ++j)
            points.append({static_cast<double>(j) * dt, samples[j]});
        return points;
    }
    const auto columns = izh::reduceToColumns(samples, dt, view.t0, view.t1,
                                              static_cast<std::size_t>(view.columns));
    points.reserve(2 * view.columns);
    double previous = NAN;
    for (const auto& column : columns) {
        if (column.empty)
            continue;
        const bool rising = std::isnan(previous) || previous <= column.min;
        points.append({column.t, rising ? column.min : column.max});
        if (column.max != column.min)
            points.append({column.t, rising ? column.max : column.min});
        previous = points.back().y();
    }
    return points;
}

} // namespace

PlotSeries buildPlotSeries(const izh::Trajectory& trajectory, double vpeak, const PlotView& view) {
    PlotSeries series;
    series.v = seriesFor(trajectory.v, trajectory.dt, view);
    series.u = seriesFor(trajectory.u, trajectory.dt, view);
    series.current = seriesFor(trajectory.current, trajectory.dt, view);
    // At most one marker per pixel column (docs/performance.md#budgets): spikes closer than a
    // column share one. Thousands of markers (a fast-firing corner of the
    // parameter space) would stall the GUI thread in Qt Charts' scatter.
    const double columnWidth = (view.t1 - view.t0) / std::max(1, view.columns);
    double markedColumn = NAN;
    for (double t : trajectory.spikeTimes()) {
        if (!(t >= view.t0 && t <= view.t1))
            continue;
        const double column = std::floor((t - view.t0) / columnWidth);
        if (column != markedColumn) {
            series.spikes.append({t, vpeak});
            markedColumn = column;
        }
    }
    return series;
}
