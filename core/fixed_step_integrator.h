#pragma once

#include "fixed_step_schemes.h"
#include "run_control.h"
#include "stimulus_schedule.h"
#include "trace_sink.h"

#include <algorithm>
#include <cmath>

namespace izh {

// The state a fixed-step run carries from one block of steps to the next.
struct FixedStepState {
    double v, u;
    double recordedV, recordedU; // what the next sample shows (vpeak at a spike)
};

// Advances steps [from, to) until the end or the first step whose result
// needs attention (v ≥ vpeak, or a non-finite state); returns that step's
// index (or `to`), with `state` holding the state after it.
//
// The single-neuron loop is bound by the latency of its dependency chain, so
// this function contains no calls and is kept out of line: inlined next to the
// spike bookkeeping (which calls the allocator), the register allocator would
// keep u in memory across the whole loop, adding a store-to-load round trip to
// every step.
template <class Scheme, class Sink, class CurrentOf>
[[gnu::noinline]] std::size_t advanceUntilEvent(const StepConstants& k, FixedStepState& state,
                                                std::size_t from, std::size_t to,
                                                CurrentOf currentOf, Sink& sink) {
    double v = state.v, u = state.u, recordedV = state.recordedV, recordedU = state.recordedU;
    std::size_t step = from;
    for (; step < to; ++step) {
        const double current = currentOf(step);
        sink.sample(step, recordedV, recordedU, current);
        Scheme::step(k, v, u, current);
        if (!(v < k.vpeak) || !std::isfinite(v) || !std::isfinite(u)) [[unlikely]]
            break;
        recordedV = v;
        recordedU = u;
    }
    state = {v, u, recordedV, recordedU};
    return step;
}

// Runs steps [from, to), handling spikes (SPEC §3: timed at the step's end,
// vpeak at their sample, v ← c, u ← u + d). Returns false when the state left
// the finite range (outcome.divergenceTime set).
template <class Scheme, class Sink, class CurrentOf>
bool runFixedSteps(const StepConstants& k, FixedStepState& state, std::size_t from,
                   std::size_t to, CurrentOf currentOf, Sink& sink, RunOutcome& outcome) {
    std::size_t step = from;
    while ((step = advanceUntilEvent<Scheme>(k, state, step, to, currentOf, sink)) < to) {
        if (!std::isfinite(state.v) || !std::isfinite(state.u)) {
            outcome.divergenceTime = static_cast<double>(step) * k.dt + k.dt;
            outcome.acceptedSteps = step;
            return false;
        }
        // t_k + dt, not (k+1)·dt: the two differ in the last bit for some k.
        outcome.spikeTimes.push_back(static_cast<double>(step) * k.dt + k.dt);
        state.recordedV = k.vpeak;
        state.v = k.c;
        state.u = state.u + k.d;
        state.recordedU = state.u;
        ++step;
    }
    return true;
}

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
    FixedStepState state{model.v0, model.initialU(), model.v0, model.initialU()};
    sink.reserve(steps + 1);

    for (const auto& chunk : schedule.chunks()) {
        if (chunk.hasSpike)
            state.v = state.v + chunk.spikeWeight;
        for (std::size_t from = chunk.begin; from < chunk.end; from += kPollEvery) {
            const std::size_t to = std::min(chunk.end, from + kPollEvery);
            const bool finite =
                chunk.ramps.empty()
                    ? runFixedSteps<Scheme>(
                          k, state, from, to, [c = chunk.constantPart](std::size_t) { return c; },
                          sink, outcome)
                    : runFixedSteps<Scheme>(
                          k, state, from, to,
                          [&chunk, dt](std::size_t s) { return chunk.currentAtStep(s, dt); }, sink,
                          outcome);
            if (!finite)
                return outcome;
            if (control.cancelled()) {
                outcome.cancelled = true;
                outcome.acceptedSteps = to;
                return outcome;
            }
            control.report(static_cast<double>(to) / static_cast<double>(steps));
        }
    }
    sink.sample(steps, state.recordedV, state.recordedU, finalCurrent);
    outcome.acceptedSteps = steps;
    return outcome;
}

} // namespace izh
