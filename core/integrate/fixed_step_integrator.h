// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/fixed_step_schemes.h"
#include "core/integrate/fma_dispatch.h"
#include "core/integrate/run_control.h"
#include "core/integrate/stimulus_schedule.h"
#include "core/integrate/trace_sink.h"

#include <algorithm>
#include <cmath>

namespace izh {

// The state a fixed-step run carries from one block of steps to the next.
struct FixedStepState {
    double z, u;                 // the scheme's state (v = Scheme::toV(z))
    double recordedV, recordedU; // what the next sample shows (vpeak at a spike)
};

// Advances steps [from, to) until the end or the first step whose result
// needs attention; returns that step's index (or `to`), with state.z and
// state.u holding the state after it and `out` the block of samples taken.
// state.recordedV/U are the next sample's only when the run reached `to`
// (after attention the caller sets them: vpeak at a spike). Attention means
// v ≥ vpeak (true for NaN too) and, when Exact, also a non-finite v or u.
//
// The single-neuron loop is bound by the latency of its dependency chain, so
// it contains no calls and is kept out of line (advanceBlock): inlined next to
// the spike bookkeeping (which calls the allocator), the register allocator
// would keep u in memory across the whole loop, adding a store-to-load round
// trip to every step. The block is copied in and out so that it lives in
// registers.
template <bool Exact, class Scheme, class Fma, class Block, class CurrentOf>
[[gnu::always_inline]] inline std::size_t advanceSteps(const StepConstants& k,
                                                       FixedStepState& state, std::size_t from,
                                                       std::size_t to, CurrentOf currentOf,
                                                       Block& out) {
    Block block = out;
    double z = state.z, u = state.u;
    std::size_t step = from;
    if (step == to)
        return step;
    // Sample j holds the state after step j − 1; the first one as recorded
    // (vpeak after a spike). The first step is peeled so that the loop
    // carries only z and u, and forms I(t_k) once.
    double current = currentOf(step);
    block.add(step, state.recordedV, state.recordedU, current);
    for (;;) {
        if constexpr (Scheme::kUsesFma)
            Scheme::step(k, z, u, current, Fma{});
        else
            Scheme::step(k, z, u, current);
        bool attention = Scheme::reachesPeak(k, z);
        if constexpr (Exact)
            attention = attention || !std::isfinite(Scheme::toV(k, z)) || !std::isfinite(u);
        if (attention) [[unlikely]]
            break;
        if (++step == to) {
            state.recordedV = Scheme::toV(k, z);
            state.recordedU = u;
            break;
        }
        current = currentOf(step);
        block.add(step, Scheme::toV(k, z), u, current); // not formed when the sink drops v
    }
    out = block;
    state.z = z;
    state.u = u;
    return step;
}

template <bool Exact, class Scheme, class Block, class CurrentOf>
[[gnu::noinline]] std::size_t advanceBlock(const StepConstants& k, FixedStepState& state,
                                           std::size_t from, std::size_t to,
                                           CurrentOf currentOf, Block& out) {
    return advanceSteps<Exact, Scheme, PortableFma>(k, state, from, to, currentOf, out);
}

#if IZH_X86_FMA_DISPATCH
// The same loop compiled for the FMA instructions, for the schemes that use
// fused multiply-adds (rk4): there each is one instruction instead of the
// exact emulation's thirty. Same results, bit for bit (see useHardwareFma).
template <bool Exact, class Scheme, class Block, class CurrentOf>
[[gnu::noinline, gnu::target("fma")]] std::size_t
advanceBlockFma(const StepConstants& k, FixedStepState& state, std::size_t from, std::size_t to,
                CurrentOf currentOf, Block& out) {
    return advanceSteps<Exact, Scheme, FmaInstruction>(k, state, from, to, currentOf, out);
}
#endif

template <bool Exact, class Scheme, class Block, class CurrentOf>
std::size_t advanceBlockOnThisCpu(const StepConstants& k, FixedStepState& state,
                                  std::size_t from, std::size_t to, CurrentOf currentOf,
                                  Block& out) {
#if IZH_X86_FMA_DISPATCH
    if constexpr (Scheme::kUsesFma)
        if (useHardwareFma())
            return advanceBlockFma<Exact, Scheme>(k, state, from, to, currentOf, out);
#endif
    return advanceBlock<Exact, Scheme>(k, state, from, to, currentOf, out);
}

// advanceBlockOnThisCpu with the exact test, fast: the loop tests v ≥ vpeak only. A
// state that leaves the finite range any other way (v = −inf, u non-finite)
// stays non-finite (every update is the old value plus an increment, or a
// product with it), so it is still non-finite when the loop stops; the block
// is then run again with the full test, to find the step where it happened.
// The samples of [from, to) go to `sink` as one block, which must lie within
// one of the sink's blocks.
template <class Scheme, BlockSink Sink, class CurrentOf>
std::size_t advanceUntilEvent(const StepConstants& k, FixedStepState& state, std::size_t from,
                              std::size_t to, CurrentOf currentOf, Sink& sink) {
    const FixedStepState entry = state;
    auto block = sink.openBlock(from);
    std::size_t step = advanceBlockOnThisCpu<false, Scheme>(k, state, from, to, currentOf, block);
    if (!std::isfinite(Scheme::toV(k, state.z)) || !std::isfinite(state.u)) [[unlikely]] {
        state = entry;
        block = sink.openBlock(from);
        step = advanceBlockOnThisCpu<true, Scheme>(k, state, from, to, currentOf, block);
    }
    const std::size_t count = (step < to ? step + 1 : step) - from;
    if (count > 0)
        block.currents(currentOf(from), currentOf(from + count - 1));
    sink.closeBlock(block, from, count);
    return step;
}

// Runs steps [from, to), handling spikes (docs/integrators.md#fixed-step-conventions: timed at the step's end,
// vpeak at their sample, v ← c, u ← u + d). Returns false when the state left
// the finite range (outcome.divergenceTime set).
template <class Scheme, BlockSink Sink, class CurrentOf>
bool runFixedSteps(const StepConstants& k, FixedStepState& state, std::size_t from,
                   std::size_t to, CurrentOf currentOf, Sink& sink, RunOutcome& outcome) {
    std::size_t step = from;
    while (step < to) {
        const std::size_t end = std::min(to, sink.blockLimit(step));
        step = advanceUntilEvent<Scheme>(k, state, step, end, currentOf, sink);
        if (step == end)
            continue;
        if (!std::isfinite(Scheme::toV(k, state.z)) || !std::isfinite(state.u)) {
            outcome.divergenceTime = static_cast<double>(step) * k.dt + k.dt;
            outcome.acceptedSteps = step;
            return false;
        }
        // t_k + dt, not (k+1)·dt: the two differ in the last bit for some k.
        outcome.spikeTimes.push_back(static_cast<double>(step) * k.dt + k.dt);
        state.recordedV = k.vpeak;
        state.z = Scheme::toState(k, k.c);
        state.u = state.u + k.d;
        state.recordedU = state.u;
        ++step;
    }
    return true;
}

// The fixed-step loop shared by euler, semi-implicit, half-step and rk4, with
// docs/integrators.md's conventions: I at the step's start, threshold tested after the
// step, a spike timed at the step's end, vpeak recorded at the spike's sample.
template <class Scheme, BlockSink Sink>
RunOutcome integrateFixedStep(const ModelParameters& model, const StimulusSchedule& schedule,
                              double dt, std::size_t steps, double finalCurrent, Sink& sink,
                              const RunControl& control = {}) {
    constexpr std::size_t kPollEvery = 1 << 14;
    const StepConstants k(model, dt, Scheme::kUsesRK4Terms);
    RunOutcome outcome;
    FixedStepState state{Scheme::toState(k, model.v0), model.initialU(), model.v0,
                         model.initialU()};
    sink.reserve(steps + 1);

    for (const auto& chunk : schedule.chunks()) {
        if (chunk.hasSpike)
            state.z = Scheme::toState(k, Scheme::toV(k, state.z) + chunk.spikeWeight);
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
