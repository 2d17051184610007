// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/integrator_kind.h"
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
struct SimulationRequest {
    ModelParameters model;
    StimulusProtocol protocol;
    SimulationSettings settings;

    // Throws InvalidInput naming the field. `fullTrace` applies the lower limit
    // for runs whose every sample is kept (CSV export).
    void validate(bool fullTrace = true) const;

    // Named access used by --set and sweeps: model names, "I" (the primary
    // amplitude), "duration", "dt", "rtol", "atol".
    static bool isSettableName(std::string_view name);
    double get(std::string_view name) const;
    void set(std::string_view name, double value);

    bool operator==(const SimulationRequest&) const = default;
};

} // namespace izh
