// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>
#include <vector>

namespace izh {

inline constexpr double kForever = std::numeric_limits<double>::infinity();

// A rectangular current: `amplitude` while tOn < t < tOff (docs/stimulus.md#edge-conventions: strict at
// both ends, as in the published scripts). A few 2004 panels use closed ends
// (e.g. "75 for 50 ≤ t ≤ 250"); the include flags express exactly that.
struct CurrentStep {
    double amplitude = 0;
    double tOn = 0;
    double tOff = kForever;
    bool includeOn = false;
    bool includeOff = false;
    bool primary = false; // moved by the input-current slider

    bool activeAt(double t) const {
        return (includeOn ? t >= tOn : t > tOn) && (includeOff ? t <= tOff : t < tOff);
    }
    bool operator==(const CurrentStep&) const = default;
};

// A linear ramp slope·(t − tOn) while it is active (same edge rules as steps).
struct CurrentRamp {
    double slope = 0;
    double tOn = 0;
    double tOff = kForever;
    bool includeOn = false;
    bool includeOff = false;
    bool primary = false;

    bool activeAt(double t) const {
        return (includeOn ? t >= tOn : t > tOn) && (includeOff ? t <= tOff : t < tOff);
    }
    double valueAt(double t) const { return slope * (t - tOn); }
    bool operator==(const CurrentRamp&) const = default;
};

// `count` pulses of `amplitude` and `width`, the k-th starting at tOn + k·period.
struct PulseTrain {
    double amplitude = 0;
    double tOn = 0;
    double width = 1;
    double period = 10;
    int count = 1;
    bool primary = false;

    bool operator==(const PulseTrain&) const = default;
};

// A synaptic input: on arrival v jumps by `weight` mV.
struct InputSpike {
    double time = 0;
    double weight = 0;
    bool operator==(const InputSpike&) const = default;
};

// I(t) = baseline + steps + pulse trains + ramps, summed in that order (the
// order fixes the floating-point result, so published scripts reproduce to the
// bit), plus input spikes that act on v directly (docs/stimulus.md).
struct StimulusProtocol {
    double baseline = 0;
    bool baselineIsPrimary = false;
    std::vector<CurrentStep> steps;
    std::vector<PulseTrain> trains;
    std::vector<CurrentRamp> ramps;
    std::vector<InputSpike> inputSpikes;

    static StimulusProtocol dc(double level);

    double currentAt(double t) const;

    // Steps with every pulse train expanded into its pulses, in summation order.
    std::vector<CurrentStep> rectangularPieces() const;

    // Sorted, unique times where I(t) or its slope jumps, or a spike arrives.
    std::vector<double> discontinuities() const;

    // Earliest time the input departs from the baseline (0 if it never does).
    double onsetTime() const;

    // The value the "I" slider shows and moves (docs/stimulus.md): the primary
    // component's amplitude (a ramp's slope), or the baseline.
    double primaryAmplitude() const;
    void setPrimaryAmplitude(double value);

    // Throws InvalidInput naming the field (e.g. "protocol.steps[1].t_off").
    void validate() const;

    bool operator==(const StimulusProtocol&) const = default;
};

} // namespace izh
