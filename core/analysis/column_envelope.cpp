// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/column_envelope.h"

#include <algorithm>
#include <cmath>

namespace izh {

namespace {
struct IndexRange {
    std::size_t first, last; // inclusive; empty when first > last
};

IndexRange indicesIn(std::size_t count, double dt, double t0, double t1) {
    if (count == 0 || dt <= 0 || t1 < t0)
        return {1, 0};
    const double firstIndex = std::max(0.0, std::ceil(t0 / dt));
    const double lastIndex = std::min(static_cast<double>(count - 1), std::floor(t1 / dt));
    if (firstIndex > lastIndex)
        return {1, 0};
    return {static_cast<std::size_t>(firstIndex), static_cast<std::size_t>(lastIndex)};
}
} // namespace

std::size_t samplesInWindow(std::size_t sampleCount, double dt, double t0, double t1) {
    const auto r = indicesIn(sampleCount, dt, t0, t1);
    return r.first > r.last ? 0 : r.last - r.first + 1;
}

std::vector<ColumnExtent> reduceToColumns(std::span<const double> samples, double dt, double t0,
                                          double t1, std::size_t columns) {
    std::vector<ColumnExtent> out(columns);
    if (columns == 0 || !(t1 > t0))
        return out;
    const double width = (t1 - t0) / static_cast<double>(columns);
    for (std::size_t c = 0; c < columns; ++c)
        out[c].t = t0 + static_cast<double>(c) * width;
    const auto range = indicesIn(samples.size(), dt, t0, t1);
    if (range.first > range.last)
        return out;
    // Walk the columns, each over its contiguous run of samples: no division
    // per sample, and a plain min/max loop the compiler can keep in registers.
    std::size_t j = range.first;
    for (std::size_t c = 0; c < columns && j <= range.last; ++c) {
        // Samples with t_j < start of column c + 1 belong here (the last column takes the rest).
        std::size_t end = range.last + 1;
        if (c + 1 < columns) {
            const double next = t0 + static_cast<double>(c + 1) * width;
            end = std::min(end, static_cast<std::size_t>(std::max(0.0, std::ceil(next / dt))));
            while (end > j && static_cast<double>(end - 1) * dt >= next)
                --end; // guard the rounding of next / dt
            while (end <= range.last && static_cast<double>(end) * dt < next)
                ++end;
        }
        if (end <= j)
            continue;
        double lo = samples[j], hi = samples[j];
        for (std::size_t k = j + 1; k < end; ++k) {
            const double y = samples[k];
            lo = y < lo ? y : lo;
            hi = y > hi ? y : hi;
        }
        out[c] = {out[c].t, lo, hi, false};
        j = end;
    }
    return out;
}

} // namespace izh
