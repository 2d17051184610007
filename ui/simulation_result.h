// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "simulation_request.h"
#include "spike_analysis.h"
#include "trajectory.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <memory>

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

// What the worker hands back for one request.
struct SimulationResult {
    quint64 generation = 0;
    izh::SimulationRequest request;
    PlotView view; // resolved: t0 < t1
    PlotSeries series;
    std::shared_ptr<const izh::Trajectory> trajectory; // full resolution, for zoom, hover, export
    izh::SpikeTrainAnalysis analysis;
    double computeMs = 0; // integration only
    QString error;        // invalid input: the message naming the field

    bool diverged() const { return trajectory && trajectory->outcome.diverged(); }
};

// Assembles the result of a finished run for `view` (t1 <= t0: the whole run):
// the plot series reduced from the full trajectory, and the spike analysis.
std::shared_ptr<SimulationResult> assembleResult(quint64 generation,
                                                 const izh::SimulationRequest& request,
                                                 std::shared_ptr<const izh::Trajectory> trajectory,
                                                 double computeMs, PlotView view);
