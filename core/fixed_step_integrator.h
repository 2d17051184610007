#pragma once

#include "fixed_step_schemes.h"
#include "run_control.h"
#include "stimulus_schedule.h"
#include "trace_sink.h"

#include <algorithm>
#include <cmath>

namespace izh {

// The fixed-step loop shared by euler, semi-implicit, half-step and rk4, with
// SPEC §3's conventions: I at the step's start, threshold tested after the
// step, a spike timed at the step's end, vpeak recorded at the spike's sample.
template <class Scheme, class Sink>
RunOutcome integrateFixedStep(const ModelParameters& model, const StimulusSchedule& schedule,
                              double dt, std::size_t steps, double finalCurrent, Sink& sink,
                              const RunControl& control = {}) {
    constexpr std::size_t kPollEvery = 1 << 14;
    const StepConstants k(model, dt);
    RunOutcome outcome;
    double v = model.v0, u = model.initialU();
    double recordedV = v, recordedU = u;
    sink.reserve(steps + 1);

    // Runs steps [from, to) with I(t_step) given by currentOf; false on divergence.
    auto runSteps = [&](std::size_t from, std::size_t to, auto currentOf) {
        for (std::size_t step = from; step < to; ++step) {
            const double current = currentOf(step);
            sink.sample(step, recordedV, recordedU, current);
            Scheme::step(k, v, u, current);
            if (!std::isfinite(v) || !std::isfinite(u)) [[unlikely]] {
                outcome.divergenceTime = static_cast<double>(step) * dt + dt;
                outcome.acceptedSteps = step;
                return false;
            }
            if (v >= k.vpeak) [[unlikely]] {
                // t_k + dt, not (k+1)·dt: the two differ in the last bit for some k.
                outcome.spikeTimes.push_back(static_cast<double>(step) * dt + dt);
                recordedV = k.vpeak;
                v = k.c;
                u = u + k.d;
            } else {
                recordedV = v;
            }
            recordedU = u;
        }
        return true;
    };

    for (const auto& chunk : schedule.chunks()) {
        if (chunk.hasSpike)
            v = v + chunk.spikeWeight;
        for (std::size_t from = chunk.begin; from < chunk.end; from += kPollEvery) {
            const std::size_t to = std::min(chunk.end, from + kPollEvery);
            const bool ok =
                chunk.ramps.empty()
                    ? runSteps(from, to, [c = chunk.constantPart](std::size_t) { return c; })
                    : runSteps(from, to,
                               [&](std::size_t s) { return chunk.currentAtStep(s, dt); });
            if (!ok)
                return outcome;
            if (control.cancelled()) {
                outcome.cancelled = true;
                outcome.acceptedSteps = to;
                return outcome;
            }
            control.report(static_cast<double>(to) / static_cast<double>(steps));
        }
    }
    sink.sample(steps, recordedV, recordedU, finalCurrent);
    outcome.acceptedSteps = steps;
    return outcome;
}

} // namespace izh
