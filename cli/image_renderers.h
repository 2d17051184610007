// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/parameter_sweep.h"
#include "core/integrate/trajectory.h"
#include "core/model/simulation_request.h"
#include "ui/sweep/sweep_metric.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <memory>

// What the headless commands draw (--png, --svg): the explorer's plot of a run
// and the sweep window's heat map. Widgets draw them, so the drawing module
// (widgets_module.cpp) supplies these; a command that draws nothing runs
// without it and loads no GUI library.
struct ImageRenderers {
    enum class Format { Png, Svg };
    // The plot as the window draws it, at 1600×1000 logical pixels; empty
    // bytes with `error` set on failure.
    std::function<QByteArray(const izh::SimulationRequest& request,
                             const std::shared_ptr<const izh::Trajectory>& trajectory,
                             Format format, QString* error)>
        trajectoryPlot;
    // The heat map of `metric`, as PNG; empty bytes if encoding failed.
    std::function<QByteArray(const izh::SweepResult& sweep, SweepMetric metric)> heatMapPng;
};
