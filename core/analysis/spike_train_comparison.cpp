// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/spike_train_comparison.h"

#include <cmath>

namespace izh {

SpikeTrainComparison compareSpikeTrains(const std::vector<double>& run,
                                        const std::vector<double>& reference, double window) {
    SpikeTrainComparison result;
    std::size_t i = 0, j = 0;
    while (i < run.size() && j < reference.size()) {
        const double d = run[i] - reference[j];
        if (std::abs(d) <= window) {
            result.pairs.push_back({run[i], reference[j]});
            result.maxAbsDifference = std::max(result.maxAbsDifference, std::abs(d));
            ++i;
            ++j;
        } else if (d < 0) {
            result.extra.push_back(run[i++]);
        } else {
            result.missing.push_back(reference[j++]);
        }
    }
    result.extra.insert(result.extra.end(), run.begin() + i, run.end());
    result.missing.insert(result.missing.end(), reference.begin() + j, reference.end());
    return result;
}

} // namespace izh
