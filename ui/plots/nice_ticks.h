// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <vector>

// A 1-2-5 interval giving about `ticks` intervals over `span`.
inline double niceTickInterval(double span, int ticks) {
    const double raw = span / std::max(1, ticks);
    if (!(raw > 0) || !std::isfinite(raw))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double step : {1.0, 2.0, 5.0})
        if (raw <= step * magnitude)
            return step * magnitude;
    return 10 * magnitude;
}

// The multiples of `step` within [lo, hi] (lo ≤ hi), a near-zero one as 0
// exactly (so it is labelled "0", not "1e-17").
inline std::vector<double> ticksWithin(double lo, double hi, double step) {
    std::vector<double> ticks;
    if (step > 0)
        for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
            ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

// Round values over [lo, hi] (either order), at most about `count` of them.
inline std::vector<double> niceTicks(double lo, double hi, int count) {
    const double a = std::min(lo, hi), b = std::max(lo, hi);
    if (!(b > a))
        return {lo};
    return ticksWithin(a, b, niceTickInterval(b - a, count));
}

// Sets `axis` to cover [lo, hi] widened to whole ticks, with ticks at round values.
inline void setNiceRange(QValueAxis* axis, double lo, double hi, int ticks) {
    const double interval = niceTickInterval(hi - lo, ticks);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(interval);
    axis->setRange(std::floor(lo / interval) * interval, std::ceil(hi / interval) * interval);
}
