#pragma once

#include <QValueAxis>
#include <algorithm>
#include <cmath>

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

// Sets `axis` to cover [lo, hi] widened to whole ticks, with ticks at round values.
inline void setNiceRange(QValueAxis* axis, double lo, double hi, int ticks) {
    const double interval = niceTickInterval(hi - lo, ticks);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(interval);
    axis->setRange(std::floor(lo / interval) * interval, std::ceil(hi / interval) * interval);
}
