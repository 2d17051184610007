// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>

// The time window a plot shows and its width in pixel columns.
struct PlotView {
    double t0 = 0, t1 = 0; // ms; t1 <= t0 means "the whole run"
    int columns = 1000;
    bool operator==(const PlotView&) const = default;
};

// Plot-ready series: at most two points per pixel column (min and max), so
// every spike keeps its full height at any zoom (docs/performance.md#budgets).
struct PlotSeries {
    QList<QPointF> v, u, current;
    QList<QPointF> spikes; // (time, vpeak) markers inside the window
};
