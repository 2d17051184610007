// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace izh {

// Pairs the spikes of a run with those of a reference run (e.g. a fixed-step
// scheme against converged rk45), to show how much the published figures
// depend on dt. Spikes are paired in order while they lie within `window` ms
// of each other; the rest are reported as missing or extra.
struct SpikePair {
    double time = 0, reference = 0;
    double difference() const { return time - reference; }
};

struct SpikeTrainComparison {
    std::vector<SpikePair> pairs;
    std::vector<double> extra;   // in the run, not in the reference
    std::vector<double> missing; // in the reference, not in the run
    double maxAbsDifference = 0;
};

SpikeTrainComparison compareSpikeTrains(const std::vector<double>& run,
                                        const std::vector<double>& reference, double window);

} // namespace izh
