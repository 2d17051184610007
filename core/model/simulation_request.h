// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/integrator_catalogue.h"
#include "core/model/model_parameters.h"
#include "core/model/stimulus_protocol.h"

#include <cstddef>

namespace izh {

struct SimulationSettings {
    double duration = 1000.0; // ms
    double dt = 0.1;          // ms: the step of fixed-step schemes, the sampling grid of rk45
    IntegratorKind integrator = IntegratorKind::RK45;
    double rtol = 1e-6;
    double atol = 1e-9;

    // Number of steps (and samples after t = 0) on the dt grid.
    std::size_t stepCount() const;
    bool operator==(const SimulationSettings&) const = default;
};

// Hard limits that keep a run's memory and time bounded; refused with a message.
inline constexpr std::size_t kMaxSteps = 200'000'000;          // any run
inline constexpr std::size_t kMaxRecordedSamples = 20'000'000; // a full trace (≈ 0.5 GB)

// Everything one simulation needs: what the GUI, the CLI and files exchange.
// Named access: core/model/parameter_catalogue.h; checks:
// core/model/request_validation.h.
struct SimulationRequest {
    ModelParameters model;
    StimulusProtocol protocol;
    SimulationSettings settings;

    bool operator==(const SimulationRequest&) const = default;
};

// The run with no preset: RS parameters, v0 −65, dc I = 10 for 1000 ms,
// rk45 sampled every 0.1 ms (docs/presets.md#the-default-run).
SimulationRequest defaultRequest();

} // namespace izh
