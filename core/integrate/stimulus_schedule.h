// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/stimulus_protocol.h"

#include <cstddef>
#include <vector>

namespace izh {

// A protocol compiled onto the step grid t_k = k·dt of a fixed-step run, so
// the integrator's inner loop does no interval tests: within a chunk the set
// of active components is fixed, I(t_k) is a constant or a constant plus ramp
// terms, and input spikes arrive only at a chunk's first step.
//
// The sums are formed in StimulusProtocol::currentAt's order, so I(t_k) here
// equals currentAt(k·dt) to the bit.
struct StimulusChunk {
    std::size_t begin = 0; // first step index
    std::size_t end = 0;   // one past the last
    double constantPart = 0;
    struct Ramp {
        double slope;
        double tOn;
    };
    std::vector<Ramp> ramps;   // active ramps, summed after constantPart
    double spikeWeight = 0;    // v jump applied before step `begin`
    bool hasSpike = false;

    double currentAtStep(std::size_t k, double dt) const {
        double current = constantPart;
        const double t = static_cast<double>(k) * dt;
        for (const auto& ramp : ramps)
            current += ramp.slope * (t - ramp.tOn);
        return current;
    }
};

class StimulusSchedule {
public:
    StimulusSchedule(const StimulusProtocol& protocol, double dt, std::size_t steps);

    const std::vector<StimulusChunk>& chunks() const { return chunks_; }

private:
    std::vector<StimulusChunk> chunks_;
};

} // namespace izh
