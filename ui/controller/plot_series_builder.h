// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/trajectory.h"
#include "ui/controller/plot_series.h"

// Turns a full-resolution trajectory into the few points a plot of `view`
// needs (the reduction itself is core's reduceToColumns).
PlotSeries buildPlotSeries(const izh::Trajectory& trajectory, double vpeak, const PlotView& view);
