// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/spike_analysis.h"
#include "core/integrate/trajectory.h"
#include "core/model/simulation_request.h"
#include "ui/controller/plot_series.h"

#include <QString>
#include <memory>

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
