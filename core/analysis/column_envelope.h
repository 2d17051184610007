// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace izh {

// One pixel column of a plot: the extremes of the samples that fall in it.
struct ColumnExtent {
    double t = 0;              // the column's left edge (ms)
    double min = 0, max = 0;
    bool empty = true;
};

// Reduces samples y_j at t_j = j·dt to min/max per column over [t0, t1], the
// way a plot shows them at any zoom with every spike at full height (LabPlot's
// min/max-per-pixel drawing). Columns with no sample (zoomed in beyond the
// sample spacing) are marked empty; the caller draws the samples themselves.
std::vector<ColumnExtent> reduceToColumns(std::span<const double> samples, double dt, double t0,
                                          double t1, std::size_t columns);

// How many samples of spacing dt fall in [t0, t1]: when this is below about
// two per column, plotting the samples themselves is both exact and cheap.
std::size_t samplesInWindow(std::size_t sampleCount, double dt, double t0, double t1);

} // namespace izh
