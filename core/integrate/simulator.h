// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/dormand_prince.h"
#include "core/integrate/fixed_step_integrator.h"
#include "core/integrate/trajectory.h"
#include "core/model/request_validation.h"
#include "core/model/simulation_request.h"

namespace izh {

// Runs `request` with its integrator, handing samples to `sink`. Validates
// first (throws InvalidInput). The template keeps the fixed-step loop's sink
// calls direct for a concrete final sink type.
template <BlockSink Sink>
RunOutcome runSimulation(const SimulationRequest& request, Sink& sink,
                         const RunControl& control = {}, bool fullTrace = false) {
    validateRequest(request, fullTrace);
    const auto& s = request.settings;
    if (s.integrator == IntegratorKind::RK45)
        return integrateDormandPrince(request, sink, control);
    const std::size_t steps = s.stepCount();
    const StimulusSchedule schedule(request.protocol, s.dt, steps);
    const double finalCurrent = request.protocol.currentAt(static_cast<double>(steps) * s.dt);
    auto run = [&]<class Scheme>() {
        return integrateFixedStep<Scheme>(request.model, schedule, s.dt, steps, finalCurrent,
                                          sink, control);
    };
    switch (s.integrator) {
    case IntegratorKind::Euler:
        if (request.model.vb == 0 && request.model.e == 1)
            return run.template operator()<EulerScheme<true>>();
        return run.template operator()<EulerScheme<false>>();
    case IntegratorKind::SemiImplicit:
        if (request.model.vb == 0 && request.model.e == 1)
            return run.template operator()<SemiImplicitScheme<true>>();
        return run.template operator()<SemiImplicitScheme<false>>();
    case IntegratorKind::HalfStep: return run.template operator()<HalfStepScheme>();
    case IntegratorKind::RK4:
        if (RK4Terms::usesShift(request.model))
            return run.template operator()<RK4Scheme<true>>();
        return run.template operator()<RK4Scheme<false>>();
    case IntegratorKind::RK45: break;
    }
    return {};
}

// Runs `request` keeping every sample (CSV export, analysis, tests).
Trajectory simulate(const SimulationRequest& request, const RunControl& control = {});

// The same into `trajectory`, whose sample arrays keep their memory when it
// is large enough: a caller that reruns long traces (the window, at every
// slider move) then writes into pages it has touched before instead of
// faulting in fresh ones.
void simulateInto(const SimulationRequest& request, Trajectory& trajectory,
                  const RunControl& control = {});

// Runs `request` keeping only its spike times and outcome.
RunOutcome simulateSpikes(const SimulationRequest& request, const RunControl& control = {});

} // namespace izh
