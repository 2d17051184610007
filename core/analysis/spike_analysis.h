// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string_view>
#include <span>
#include <vector>

namespace izh {

enum class FiringPattern {
    Quiescent,
    TonicSpiking,
    PhasicSpiking,
    TonicBursting,
    PhasicBursting,
    MixedMode,
    SpikeFrequencyAdaptation,
};

std::string_view firingPatternId(FiringPattern pattern);    // e.g. "tonic-bursting"
std::string_view firingPatternTitle(FiringPattern pattern); // e.g. "Tonic bursting"

struct Burst {
    std::size_t firstSpike = 0; // index into the spike times
    std::size_t spikeCount = 0;
    double start = 0, end = 0; // ms
};

// Criteria, in the terms of Izhikevich (2004) Fig. 1 (ISI = inter-spike interval):
//  * A burst is a run of ≥ kMinBurstSpikes spikes whose ISIs are all ≤ kMaxIntraBurstIsi,
//    set apart by a gap ≥ kBurstSeparation × its longest ISI on each side that has a
//    neighbouring spike, and on at least one side (the silence after the last spike
//    counts as that side's gap), and whose gap after it, when more spikes follow, is longer
//    than the interval after that (the post-burst pause).
//  * Phasic: after the last spike the cell stays silent for ≥ max(kPhasicSilence,
//    3 × the longest ISI) until the end of the run.
//  * Spike-frequency adaptation: ≥ 4 spikes, no bursts, and the mean of the last two
//    ISIs ≥ kAdaptationRatio × the second ISI (the first is the onset transient, short
//    even in tonic spiking: Izhikevich 2004, Fig. 1A).
//  * Classes, in order: no spikes → quiescent; bursts followed by single spikes → mixed
//    mode; one burst and then silence → phasic bursting; bursts → tonic bursting; phasic
//    → phasic spiking; adaptation → spike-frequency adaptation; else tonic spiking.
inline constexpr std::size_t kMinBurstSpikes = 3;
inline constexpr double kMaxIntraBurstIsi = 10.0; // ms
inline constexpr double kBurstSeparation = 2.0;
inline constexpr double kPhasicSilence = 50.0; // ms
inline constexpr double kAdaptationRatio = 3.0;

struct SpikeTrainAnalysis {
    std::size_t spikeCount = 0;
    double meanRateHz = 0; // spikes per second of the whole run
    std::vector<double> isis;
    std::optional<double> cvIsi;         // needs ≥ 2 ISIs: sample SD / mean
    std::optional<double> firstSpike;    // ms
    std::optional<double> firstSpikeLatency; // ms after the stimulus onset
    std::vector<Burst> bursts;
    FiringPattern pattern = FiringPattern::Quiescent;
};

SpikeTrainAnalysis analyseSpikeTrain(std::span<const double> spikeTimes, double duration,
                                     double stimulusOnset = 0);
// For vectors and brace lists.
inline SpikeTrainAnalysis analyseSpikeTrain(const std::vector<double>& spikeTimes, double duration,
                                            double stimulusOnset = 0) {
    return analyseSpikeTrain(std::span<const double>(spikeTimes), duration, stimulusOnset);
}

} // namespace izh
