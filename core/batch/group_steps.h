// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/batch_group.h"
#include "core/batch/lane_schemes.h"
#include "core/batch/lane_vectors.h"
#include "core/integrate/run_control.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

// The step loop of a group, in three strategies that give the same bits:
//  - masked (AVX-512VL, fast mode): spikes reset in mask registers without a
//    branch, their steps recorded and handed to the lanes after the block;
//  - inline (AVX2, fast mode): spikes reset lane-wise in registers behind a
//    branch, their times logged for after the block;
//  - handled (exact mode, and every step of the baseline path): flagged lanes
//    go to handleEvents, out of line.
// Fast mode tests v ≥ vpeak only; a block in which a lane left the finite
// range another way is replayed in exact mode (runBlock). Everything here is
// inlined into one kernel function per scheme and instruction set
// (group_kernels.h), compiled for that instruction set.
namespace izh::batch {

// Lanes needing attention after a step (z is the scheme's state, v = z
// for all but rk4). Fast mode: the scalar loop's spike test alone,
// !(z < zPeak) ⟺ !(v < vpeak) (true for NaN too); a state that left the
// finite range any other way (v = −inf, u non-finite) stays non-finite—every
// update is old + increment or a product with the old value, and only a
// spike's reset replaces v—so it is caught by the check at the block's end,
// and the block is replayed in exact mode. Exact mode adds the finiteness of u
// and v through (u − v)·0 ≠ 0 (exact for non-finite states; a finite overflow
// of u − v is a false alarm that handleEvents dismisses).
template <class Scheme, bool Exact>
[[gnu::always_inline]] inline void flagAttention(M& flag, const LaneConstants& k, const V& z,
                                                 const V& u) {
    if constexpr (Exact) {
        V v;
        Scheme::observe(v, k, z);
        flag = ~((v < k.vpeak) & (((u - v) * 0.0) == 0.0));
    } else {
        flag = ~(z < k.zPeak);
    }
}

// The state of runSteps that lives in registers for a whole block.
struct BlockState {
    V v[kVectors], u[kVectors], input[kVectors];
    unsigned nonFiniteLanes = 0;      // masked path, rk4: lanes whose v is NaN or ±inf
    std::size_t spikingStepCount = 0; // masked path: g.spikingSteps in use
};

// The masked strategy's step. A spiking group-step is too frequent (a
// quarter of them in a typical sweep) and too unpredictable for a branch, and
// a mispredicted one discards a whole step of in-flight work. The flags are
// mask registers, the resets masked operations (builtins, as in laneBits);
// each step's flags are recorded, and the spike times reach the lanes after
// the block. A flagged v that is not finite must not be reset to c and
// forgotten: for the schemes whose state is v, the reset v·0 + c turns a NaN
// or +inf into NaN, which the block's end check finds (as it finds a −inf v,
// which is never flagged), and the block is replayed exactly. For rk4, whose
// z can be finite while v = vFromZ·z − zShift is not, a second compare notes
// such lanes. The loop is bound by its floating-point operations (the
// scheme's seven products and seven sums, the compare, the reset and u + d),
// so every one saved counts.
template <class Scheme, bool Shared>
[[gnu::always_inline]] inline void maskedStep(Group& g, BlockState& s, const SharedCore& core,
                                              std::size_t stepInBlock) {
#if IZH_BATCH_X86
    std::uint32_t spiked = 0;
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        if constexpr (Shared) {
            const LaneConstants& own = g.k[q];
            Scheme::step(SharedCoreView{core.p2, core.p1, core.p0, core.dt, own.a, own.b, own.vb,
                                        own.e, own.dtA},
                         s.v[q], s.u[q], s.input[q]);
        } else {
            Scheme::step(g.k[q], s.v[q], s.u[q], s.input[q]);
        }
    }
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        const V& peak = Shared ? core.zPeak : g.k[q].zPeak;
        const auto flag = __builtin_ia32_cmppd256_mask(s.v[q], peak, _CMP_NLT_UQ,
                                                       static_cast<__mmask8>(-1));
        if constexpr (Scheme::kStateIsV) {
            // v·0 + c in the flagged lanes, one masked FMA: c for a finite v,
            // NaN for a v of NaN or +inf, which stays NaN to the block's end
            // check (v·0 is ±0 exactly, and ±0 + c is c but for the sign of a
            // zero c, which no later spike time can see).
            constexpr V kZero = {0.0, 0.0, 0.0, 0.0};
            s.v[q] = __builtin_ia32_vfmaddpd256_mask(s.v[q], kZero, g.k[q].resetZ, flag);
        } else {
            constexpr V kInfinity = {std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::infinity()};
            constexpr long long kNoSign = std::numeric_limits<long long>::max();
            constexpr M kMagnitude = {kNoSign, kNoSign, kNoSign, kNoSign};
            V observed; // v = vFromZ·z − zShift, whose |v| can overflow for a finite z
            Scheme::observe(observed, g.k[q], s.v[q]);
            observed = reinterpret_cast<V>(reinterpret_cast<M>(observed) & kMagnitude);
            s.nonFiniteLanes |= __builtin_ia32_cmppd256_mask(observed, kInfinity, _CMP_NLT_UQ,
                                                             static_cast<__mmask8>(-1));
            s.v[q] = __builtin_ia32_blendmpd_256_mask(s.v[q], g.k[q].resetZ, flag);
        }
        s.u[q] = __builtin_ia32_addpd256_mask(s.u[q], g.k[q].d, s.u[q], flag);
        spiked |= static_cast<std::uint32_t>(flag) << (q * kLanes);
    }
    // Gathered without a branch: a quarter of the steps have a spike, at
    // random, so a branch would mostly be mispredicted.
    g.spikingSteps[s.spikingStepCount] = {spiked, static_cast<std::uint32_t>(stepInBlock)};
    s.spikingStepCount += spiked != 0;
#else
    (void)g, (void)s, (void)core, (void)stepInBlock;
#endif
}

// One step of every vector, each lane flagged when it needs attention
// (flagAttention); whether any lane is.
template <class Scheme, Isa isa, bool Exact>
[[gnu::always_inline]] inline bool stepAndFlag(Group& g, BlockState& s, M (&flag)[kVectors]) {
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        Scheme::step(g.k[q], s.v[q], s.u[q], s.input[q]);
        flagAttention<Scheme, Exact>(flag[q], g.k[q], s.v[q], s.u[q]);
    }
    M any = flag[0];
#pragma GCC unroll 8
    for (int q = 1; q < kVectors; ++q)
        any |= flag[q];
    return anyLane<isa>(any);
}

// The inline strategy's step: spikes reset lane-wise in registers
// (branch-free selects), their times logged for the flagged lanes only. A
// flagged lane whose v is not finite (NaN or +inf: a flagged v is ≥ vpeak)
// calls for the exact replay: returns false. A non-finite u stays so through
// u + d and is caught by the block's final check. With 16 registers this
// beats the masked strategy's branch-free form.
template <class Scheme, Isa isa>
[[gnu::always_inline]] inline bool inlineStep(Group& g, BlockState& s, std::size_t stepInBlock) {
    M flag[kVectors];
    if (!stepAndFlag<Scheme, isa, false>(g, s, flag)) [[likely]]
        return true;
    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    M nonFinite = {0, 0, 0, 0};
    std::uint32_t spiked = 0;
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        V observed;
        Scheme::observe(observed, g.k[q], s.v[q]);
        nonFinite |= flag[q] & ~(observed < kInfinity);
        select(s.v[q], flag[q], g.k[q].resetZ, s.v[q]);
        select(s.u[q], flag[q], s.u[q] + g.k[q].d, s.u[q]);
        spiked |= laneBits<isa>(flag[q]) << (q * kLanes);
    }
    if (anyLane<isa>(nonFinite))
        return false;
    // No calls here (a call would make the compiler save every live vector
    // around it): the spikes go to the group's log, which holds a whole
    // block's worth, and reach the lanes after it.
    const auto offset = static_cast<std::uint16_t>(stepInBlock << 5);
    for (; spiked; spiked &= spiked - 1)
        g.spikeLog[g.spikeLogSize++] =
            static_cast<std::uint16_t>(offset | static_cast<unsigned>(__builtin_ctz(spiked)));
    return true;
}

// The handled strategy's step: flagged lanes go to handleEvents (on the
// baseline path GCC spills the lowered vectors around inline handling, so
// the out-of-line handler serves there in fast mode too). Returns false when
// the block must be replayed in exact mode.
template <class Scheme, Isa isa, bool Exact>
[[gnu::always_inline]] inline bool handledStep(Group& g, BlockState& s, std::size_t step) {
    M flag[kVectors];
    if (!stepAndFlag<Scheme, isa, Exact>(g, s, flag)) [[likely]]
        return true;
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        g.v[q] = s.v[q];
        g.u[q] = s.u[q];
        g.flags[q] = flag[q];
    }
    const bool ok = handleEvents<Exact>(g, step);
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        s.v[q] = g.v[q];
        s.u[q] = g.u[q];
    }
    if (ok && Exact) { // a lane may have been neutralised
#pragma GCC unroll 8
        for (int q = 0; q < kVectors; ++q)
            Scheme::input(s.input[q], g.k[q], g.current[q]);
    }
    return ok;
}

// Steps [from, to) of one block within a segment (a constant set of stimulus
// chunks), with the state in registers. Returns false (fast mode) when the
// block must be replayed in exact mode. Shared (the masked strategy,
// g.coreIsShared()): the step reads SharedCore's constants from registers.
template <class Scheme, Isa isa, bool Ramps, bool Exact, bool Shared = false>
[[gnu::always_inline]] inline bool runSteps(Group& g, std::size_t from, std::size_t to) {
    constexpr bool kMasked = !Exact && isa == Isa::Avx512;
    constexpr bool kInline = !Exact && isa == Isa::Avx2;
    static_assert(!Shared || (Scheme::kCanShareCore && kMasked));
    [[maybe_unused]] const SharedCore core{g.k[0].p2, g.k[0].p1, g.k[0].p0, g.k[0].dt,
                                           g.k[0].zPeak};
    BlockState s;
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        s.v[q] = g.v[q];
        s.u[q] = g.u[q];
        Scheme::input(s.input[q], g.k[q], g.current[q]);
    }
    bool ok = true;
    for (std::size_t step = from; step < to; ++step) {
        if constexpr (Ramps) {
            fillRampCurrents(g, step);
#pragma GCC unroll 8
            for (int q = 0; q < kVectors; ++q)
                Scheme::input(s.input[q], g.k[q], g.current[q]);
        }
        if constexpr (kMasked)
            maskedStep<Scheme, Shared>(g, s, core, step - from);
        else if constexpr (kInline)
            ok = inlineStep<Scheme, isa>(g, s, step - from);
        else
            ok = handledStep<Scheme, isa, Exact>(g, s, step);
        if (!ok)
            break;
    }
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        g.v[q] = s.v[q];
        g.u[q] = s.u[q];
    }
    g.spikingStepCount = s.spikingStepCount;
    return ok && s.nonFiniteLanes == 0;
}

// One block in fast mode, replayed in exact mode if some lane left the
// finite range during it.
template <class Scheme, Isa isa, bool Ramps, bool Shared>
[[gnu::always_inline]] inline void runBlock(Group& g, std::size_t from, std::size_t to) {
    V savedV[kVectors], savedU[kVectors];
    std::size_t savedSpikes[kBatchGroupCells];
    for (int q = 0; q < kVectors; ++q) {
        savedV[q] = g.v[q];
        savedU[q] = g.u[q];
    }
    for (std::size_t lane = 0; lane < kBatchGroupCells; ++lane)
        savedSpikes[lane] = g.lanes[lane].spikes.size();
    g.spikeLogSize = 0;
    if (runSteps<Scheme, isa, Ramps, false, Shared>(g, from, to) && allFinite(g)) {
        if constexpr (isa == Isa::Avx512)
            flushSpikingSteps(g, from);
        else
            flushSpikeLog(g, from);
        return;
    }
    g.spikeLogSize = 0;
    for (int q = 0; q < kVectors; ++q) {
        g.v[q] = savedV[q];
        g.u[q] = savedU[q];
    }
    for (std::size_t lane = 0; lane < kBatchGroupCells; ++lane)
        g.lanes[lane].spikes.resize(savedSpikes[lane]);
    runSteps<Scheme, isa, Ramps, true>(g, from, to);
}

// Applies the stimulus chunk that starts at `begin` to each live lane: its
// constant current, and an input spike's jump of v. Returns whether any
// lane's chunk has ramps.
template <class Scheme> [[gnu::always_inline]] inline bool enterSegment(Group& g, std::size_t begin) {
    bool ramps = false;
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
        Lane& cell = g.lanes[lane];
        if (!cell.alive)
            continue;
        const auto& chunks = cell.schedule->chunks();
        while (chunks[cell.chunk].end <= begin)
            ++cell.chunk;
        const StimulusChunk& chunk = chunks[cell.chunk];
        if (chunk.begin == begin && chunk.hasSpike) {
            double& v = g.laneOf(g.v, lane);
            if constexpr (Scheme::kStateIsV) {
                v = v + chunk.spikeWeight;
            } else { // RK4Terms::toState(toV(z) + w), lane-wise
                const LaneConstants& k = g.k[lane / kLanes];
                const int i = lane % kLanes;
                v = k.zScale[i] *
                    (((k.vFromZ[i] * v - k.zShift[i]) + chunk.spikeWeight) + k.zShift[i]);
            }
        }
        ramps = ramps || !chunk.ramps.empty();
        g.laneOf(g.current, lane) = chunk.constantPart;
    }
    return ramps;
}

// Runs a loaded group to the end; false if cancelled.
template <class Scheme, Isa isa>
[[gnu::always_inline]] inline bool runGroupWith(Group& g, const RunControl& control) {
    // Segment edges: the union of the lanes' chunk edges.
    std::vector<std::size_t> edges{0, g.steps};
    for (const Lane& lane : g.lanes)
        if (lane.alive)
            for (const auto& chunk : lane.schedule->chunks())
                edges.push_back(chunk.begin);
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());

    std::size_t sincePoll = 0;
    for (std::size_t e = 0; e + 1 < edges.size(); ++e) {
        const std::size_t begin = edges[e], end = edges[e + 1];
        const bool ramps = enterSegment<Scheme>(g, begin);
        for (std::size_t from = begin; from < end; from += kBlockSteps) {
            const std::size_t to = std::min(end, from + kBlockSteps);
            // A group of one sweep row shares its core (the usual case); a
            // lane's divergence (neutralise) ends that for its later blocks.
            constexpr bool kMayShare = Scheme::kCanShareCore && isa == Isa::Avx512;
            if (kMayShare && g.coreIsShared()) {
                if (ramps)
                    runBlock<Scheme, isa, true, kMayShare>(g, from, to);
                else
                    runBlock<Scheme, isa, false, kMayShare>(g, from, to);
            } else if (ramps) {
                runBlock<Scheme, isa, true, false>(g, from, to);
            } else {
                runBlock<Scheme, isa, false, false>(g, from, to);
            }
            sincePoll += to - from;
            if (sincePoll >= kPollEvery) {
                sincePoll = 0;
                if (control.cancelled())
                    return false;
            }
        }
    }
    return !control.cancelled();
}

// The baseline path runs each scheme in a function of its own. Its runner
// spills most of its vectors (it needs 48 registers, SSE2 has 16), so its
// speed hangs on the frame layout, and one shared frame let rk4's calls into
// the fused multiply-add emulation (every vector saved around each) slow the
// other schemes down.
template <class Scheme>
[[gnu::noinline]] bool runGroupBaselineWith(Group& g, const RunControl& control) {
    return runGroupWith<Scheme, Isa::Sse2>(g, control);
}

template <class Scheme, Isa isa>
[[gnu::always_inline]] inline bool runScheme(Group& g, const RunControl& control) {
    if constexpr (isa == Isa::Sse2)
        return runGroupBaselineWith<Scheme>(g, control);
    else
        return runGroupWith<Scheme, isa>(g, control);
}

// The lane-wise scheme of each kind; Standard: vb = 0 and e = 1 in every lane.
template <Kind kind, bool Standard, Isa isa> struct LaneScheme;
template <bool Standard, Isa isa> struct LaneScheme<Kind::Euler, Standard, isa> {
    using type = VecEuler<Standard>;
};
template <bool Standard, Isa isa> struct LaneScheme<Kind::SemiImplicit, Standard, isa> {
    using type = VecSemiImplicit<Standard>;
};
template <bool Standard, Isa isa> struct LaneScheme<Kind::HalfStep, Standard, isa> {
    using type = VecHalfStep<Standard>;
};
template <bool Standard, Isa isa> struct LaneScheme<Kind::RK4, Standard, isa> {
    using type = VecRK4<Standard, isa>;
};

// A group of `kind` on `isa`: the body of each kernel function.
template <Kind kind, Isa isa>
[[gnu::always_inline]] inline bool runGroup(Group& g, const RunControl& control) {
    if (g.standardRecovery)
        return runScheme<typename LaneScheme<kind, true, isa>::type, isa>(g, control);
    return runScheme<typename LaneScheme<kind, false, isa>::type, isa>(g, control);
}

} // namespace izh::batch
