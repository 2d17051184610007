#include "column_envelope.h"

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
    for (std::size_t j = range.first; j <= range.last && range.first <= range.last; ++j) {
        const double t = static_cast<double>(j) * dt;
        auto c = static_cast<std::size_t>((t - t0) / width);
        c = std::min(c, columns - 1);
        auto& column = out[c];
        const double y = samples[j];
        if (column.empty) {
            column.min = column.max = y;
            column.empty = false;
        } else {
            column.min = std::min(column.min, y);
            column.max = std::max(column.max, y);
        }
    }
    return out;
}

} // namespace izh
