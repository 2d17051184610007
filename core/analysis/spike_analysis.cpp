// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/spike_analysis.h"

#include <algorithm>
#include <cmath>

namespace izh {

std::string_view firingPatternId(FiringPattern pattern) {
    switch (pattern) {
    case FiringPattern::Quiescent: return "quiescent";
    case FiringPattern::TonicSpiking: return "tonic-spiking";
    case FiringPattern::PhasicSpiking: return "phasic-spiking";
    case FiringPattern::TonicBursting: return "tonic-bursting";
    case FiringPattern::PhasicBursting: return "phasic-bursting";
    case FiringPattern::MixedMode: return "mixed-mode";
    case FiringPattern::SpikeFrequencyAdaptation: return "spike-frequency-adaptation";
    }
    return "";
}

std::string_view firingPatternTitle(FiringPattern pattern) {
    switch (pattern) {
    case FiringPattern::Quiescent: return "Quiescent";
    case FiringPattern::TonicSpiking: return "Tonic spiking";
    case FiringPattern::PhasicSpiking: return "Phasic spiking";
    case FiringPattern::TonicBursting: return "Tonic bursting";
    case FiringPattern::PhasicBursting: return "Phasic bursting";
    case FiringPattern::MixedMode: return "Mixed mode";
    case FiringPattern::SpikeFrequencyAdaptation: return "Spike-frequency adaptation";
    }
    return "";
}

namespace {

std::vector<Burst> findBursts(std::span<const double> spikes, const std::vector<double>& isis,
                              double duration) {
    std::vector<Burst> bursts;
    std::size_t i = 0;
    while (i < isis.size()) {
        if (isis[i] > kMaxIntraBurstIsi) {
            ++i;
            continue;
        }
        std::size_t j = i; // run of ISIs i..j-1 all short: spikes i..j
        double longest = 0;
        while (j < isis.size() && isis[j] <= kMaxIntraBurstIsi)
            longest = std::max(longest, isis[j++]);
        const std::size_t first = i, last = j;
        const double gap = kBurstSeparation * longest;
        const bool hasBefore = first > 0, hasAfter = last + 1 < spikes.size();
        const double tail = duration - spikes[last];
        const bool beforeOk = !hasBefore || isis[first - 1] >= gap;
        const bool afterOk = !hasAfter || isis[last] >= gap;
        const bool setApart = (hasBefore && isis[first - 1] >= gap) ||
                              (hasAfter ? isis[last] >= gap : tail >= gap);
        // A burst ends in a pause longer than the firing that follows it;
        // accelerated firing that merely slows down is adaptation instead.
        const bool pauseAfter = last + 1 >= isis.size() || isis[last] > isis[last + 1];
        if (last - first + 1 >= kMinBurstSpikes && beforeOk && afterOk && setApart && pauseAfter)
            bursts.push_back({first, last - first + 1, spikes[first], spikes[last]});
        i = j;
    }
    return bursts;
}

} // namespace

SpikeTrainAnalysis analyseSpikeTrain(std::span<const double> spikes, double duration,
                                     double stimulusOnset) {
    SpikeTrainAnalysis result;
    result.spikeCount = spikes.size();
    result.meanRateHz = duration > 0 ? 1000.0 * static_cast<double>(spikes.size()) / duration : 0;
    if (spikes.empty())
        return result;
    result.firstSpike = spikes.front();
    result.firstSpikeLatency = spikes.front() - stimulusOnset;
    // One pass forms the ISIs, the longest and the squared deviations: the
    // mean needs only the ends, as the ISIs telescope (their sum is last −
    // first, one rounding instead of one per ISI). The deviations are summed
    // in index order.
    const std::size_t intervals = spikes.size() - 1;
    result.isis.resize(intervals);
    const double mean =
        intervals > 0 ? (spikes.back() - spikes.front()) / static_cast<double>(intervals) : 0.0;
    double longestIsi = 0, ss = 0;
    for (std::size_t i = 0; i < intervals; ++i) {
        const double isi = spikes[i + 1] - spikes[i];
        result.isis[i] = isi;
        longestIsi = isi > longestIsi ? isi : longestIsi;
        ss += (isi - mean) * (isi - mean);
    }
    const auto& isis = result.isis;
    if (intervals >= 2)
        result.cvIsi = std::sqrt(ss / static_cast<double>(intervals - 1)) / mean;
    result.bursts = findBursts(spikes, isis, duration);

    const bool phasic = duration - spikes.back() >= std::max(kPhasicSilence, 3 * longestIsi);
    const auto& bursts = result.bursts;
    if (!bursts.empty()) {
        const auto& lastBurst = bursts.back();
        const bool singlesAfter = lastBurst.firstSpike + lastBurst.spikeCount < spikes.size();
        if (singlesAfter)
            result.pattern = FiringPattern::MixedMode;
        else if (bursts.size() == 1 && phasic)
            result.pattern = FiringPattern::PhasicBursting;
        else
            result.pattern = FiringPattern::TonicBursting;
    } else if (phasic) {
        result.pattern = FiringPattern::PhasicSpiking;
    } else if (isis.size() >= 3 &&
               0.5 * (isis[isis.size() - 1] + isis[isis.size() - 2]) >=
                   kAdaptationRatio * isis[1]) {
        result.pattern = FiringPattern::SpikeFrequencyAdaptation;
    } else {
        result.pattern = FiringPattern::TonicSpiking;
    }
    return result;
}

} // namespace izh
