// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/run_control.h"
#include "core/model/simulation_request.h"

#include <optional>
#include <vector>

namespace izh {

// Firing rate against a constant input current, for the current parameters:
// each point runs the model with I held at a dc level for the whole run
// (other protocol components dropped) and reports
//   first-ISI rate   1000 / (t₂ − t₁)           (Hz; the onset response)
//   steady rate      1000 / mean of the last half of the ISIs (Hz; adapted)
struct FiPoint {
    double current = 0;
    std::size_t spikeCount = 0;
    std::optional<double> firstIsiRateHz;
    std::optional<double> steadyRateHz;
    bool diverged = false;
};

std::vector<FiPoint> computeFiCurve(const SimulationRequest& request, double lo, double hi,
                                    int points, const RunControl& control = {});

} // namespace izh
