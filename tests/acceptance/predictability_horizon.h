// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/simulator.h"

#include <algorithm>
#include <cmath>
#include <vector>

// Index of the first spike of `spikes` (the run of `request`) that moves by a
// step when v0 is perturbed at rounding level (±1e-13, ±1e-12 mV). A fixed-step
// scheme plus reset is a discontinuous map that can amplify rounding, so two
// correct simulators that order their arithmetic differently (Brian2 and ours)
// owe spike-for-spike agreement only up to this horizon.
inline std::size_t predictabilityHorizon(const izh::SimulationRequest& request,
                                         const std::vector<double>& spikes) {
    std::size_t horizon = spikes.size();
    for (double perturbation : {1e-13, -1e-13, 1e-12, -1e-12}) {
        auto perturbed = request;
        perturbed.model.v0 += perturbation;
        const auto other = izh::simulateSpikes(perturbed).spikeTimes;
        for (std::size_t i = 0; i < std::min(other.size(), horizon); ++i)
            if (std::abs(other[i] - spikes[i]) > 1e-9) {
                horizon = i;
                break;
            }
        horizon = std::min(horizon, other.size());
    }
    return horizon;
}
