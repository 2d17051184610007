// SPDX-License-Identifier: GPL-3.0-or-later
// GCC notes that 32-byte vectors returned by builtins in code compiled for
// the baseline would change the ABI; these helpers (here and rk4Step) are
// always inlined into their AVX functions and no vector crosses a call, so
// the note is moot.
#pragma GCC diagnostic ignored "-Wpsabi"

#include "batch_engine.h"

#include "fixed_step_schemes.h"
#include "invalid_input.h"
#include "simulator.h"
#include "stimulus_schedule.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define IZH_BATCH_X86 1
#else
#define IZH_BATCH_X86 0
#endif

namespace izh {

namespace {

// Four doubles per vector: one AVX register, or two SSE2 registers on the
// baseline path (GCC lowers the generic vector operations).
using V = double __attribute__((vector_size(32)));
using M = long long __attribute__((vector_size(32)));
constexpr int kLanes = 4;
// The instruction sets the group runner is compiled for (runtime dispatch).
enum class Isa { Sse2, Avx2, Avx512 };
constexpr int kVectors = static_cast<int>(kBatchGroupCells) / kLanes; // interleaved chains
constexpr std::size_t kPollEvery = 1 << 11; // steps between cancellation checks (an atomic load)
constexpr std::size_t kBlockSteps = 512;    // steps between finiteness checks (fast mode)
// The spike log's entries: 11 bits of step within a block, 5 of lane.
static_assert(kBatchGroupCells == 32 && kBlockSteps <= 2048);

// StepConstants, one lane per cell, copied from the scalar struct so that
// every constant has the scalar code's bits.
struct LaneConstants {
    V p2, p1, p0, a, b, vb, e, c, d, vpeak;
    V dt, halfDt, dtA;
    V halfA, halfB;
    V uKeep, uOffset, uFromV;
    // RK4Scheme<true>'s terms (RK4Terms), and the state coordinate: v =
    // vFromZ·z − zShift, z = zScale·(v + zShift); identity (1, 0, 1) for the
    // other schemes. resetZ is the state a spike resets to (c in z).
    V p0z, alz, be, gaz, b2c0, b2c1, c2, h2, kap0, kap1, r0g, r1c0, r1z, r1u, r2, pc0, pc1, pc2,
        t1c0, t1c1, t2c0, t2c1, qc0, qc1, qc2, t3mx, t3mg, t3c0, t3c1, q4, ug, ux, u1c0, u1c1,
        u2;
    V zScale, zShift, vFromZ, resetZ, zPeak; // zPeak: RK4Terms::zPeak (vpeak for the others)
};

// b·(v − vb) − e·u, the scalar StepConstants::duOverA. With vb = 0 and e = 1
// in every lane (Standard), b·v − u gives the same bits: subtracting 0 and
// multiplying by 1 are exact (the scalar SemiImplicitScheme<true> relies on
// the same identity).
template <bool Standard, class K>
[[gnu::always_inline]] inline void duOverA(V& out, const K& k, const V& v, const V& u) {
    if constexpr (Standard)
        out = k.b * v - u;
    else
        out = k.b * (v - k.vb) - k.e * u;
}

// mask ? a : b lane-wise, as bit operations (lowered well on every path).
[[gnu::always_inline]] inline void select(V& out, const M& mask, const V& a, const V& b) {
    out = reinterpret_cast<V>((reinterpret_cast<M>(a) & mask) | (reinterpret_cast<M>(b) & ~mask));
}

// The four fixed-step schemes, lane-wise, each in exactly the operation order
// of its scalar twin in fixed_step_schemes.h (see there for the reasons).
// What every scheme but RK4 shares: the state is (v, u) itself, and the
// input term is p0 + I (hoisted: the scalar code forms that sum first) or,
// for semi-implicit, I alone.
template <bool TakesCurrent> struct VecStateIsV {
    static constexpr bool kStateIsV = true;
    [[gnu::always_inline]] static inline void input(V& out, const LaneConstants& k, const V& current) {
        if constexpr (TakesCurrent)
            out = current;
        else
            out = k.p0 + current;
    }
    [[gnu::always_inline]] static inline void observe(V& out, const LaneConstants&, const V& v) {
        out = v;
    }
};

template <bool Standard> struct VecEuler : VecStateIsV<true> {
    static constexpr bool kCanShareCore = true;
    template <class K>
    [[gnu::always_inline]] static inline void step(const K& k, V& v, V& u, const V& input) {
        const V vNew = k.dt * ((k.p0 + ((input + k.p2 * (v * v)) + k.p1 * v)) - u) + v;
        V w;
        duOverA<Standard>(w, k, v, u);
        u = k.dt * (k.a * w) + u;
        v = vNew;
    }
};

// Both scalar variants: with vb = 0 and e = 1, b·(v − 0) − 1·u is b·v − u to
// the bit (the subtraction of 0 and the product by 1 are exact), so the
// general form serves every lane.
template <bool Standard> struct VecSemiImplicit : VecStateIsV<true> {
    static constexpr bool kCanShareCore = true;
    template <class K>
    [[gnu::always_inline]] static inline void step(const K& k, V& v, V& u, const V& input) {
        v = v + k.dt * (k.p2 * (v * v) + k.p1 * v + k.p0 - u + input);
        V w;
        duOverA<Standard>(w, k, v, u);
        u = u + k.dtA * w;
    }
};

template <bool Standard> struct VecHalfStep : VecStateIsV<false> {
    static constexpr bool kCanShareCore = false;
    [[gnu::always_inline]] static inline void step(const LaneConstants& k, V& v, V& u,
                                                   const V& input) {
        const V drive = k.halfDt * (input - u); // input = p0 + I
        v = (k.halfA * v + k.halfB) * v + drive;
        v = (k.halfA * v + k.halfB) * v + drive;
        u = (k.uKeep * u + k.uOffset) + k.uFromV * v;
    }
};

// a·b + c with one rounding in each lane: the scalar code's fused multiply-
// add, bit for bit. One instruction on the AVX paths (compiled for FMA;
// resolveSimdPath requires it), the exact emulation on whole vectors on the
// baseline path (fused_multiply_add.h).
template <Isa isa> struct LaneFma {
    [[gnu::always_inline]] inline V operator()(const V& a, const V& b, const V& c) const {
#if IZH_BATCH_X86
        if constexpr (isa != Isa::Sse2) // a builtin, expanded only where inlined into FMA code
            return __builtin_ia32_vfmaddpd256(a, b, c);
        else
#endif
        {
            V out;
            fusedMultiplyAddLanes(out, a, b, c);
            return out;
        }
    }
};

// The shifted form only: a group with a model outside RK4Terms::usesShift
// runs cell by cell through the scalar engine (runBatch).
template <bool Standard, Isa isa> struct VecRK4 {
    static constexpr bool kStateIsV = false;
    static constexpr bool kCanShareCore = false;
    [[gnu::always_inline]] static inline void input(V& out, const LaneConstants& k, const V& current) {
        out = k.p0z + current;
    }
    [[gnu::always_inline]] static inline void observe(V& out, const LaneConstants& k, const V& z) {
        out = k.vFromZ * z - k.zShift;
    }
    [[gnu::always_inline]] static inline void step(const LaneConstants& k, V& z, V& u,
                                                   const V& input) {
        rk4Step<true>(k, z, u, input, LaneFma<isa>{}); // input = p0z + I
    }
};

// The constants that euler and semi-implicit read, for a group whose lanes
// all share p2, p1, p0, dt and vpeak (a sweep over a, b, c, d, I, v0 or u0):
// those five are one set held in registers for the whole block, the rest are
// the vector's own. Nine constants per vector do not fit in the registers
// beside the state, so each step loads them; sharing leaves four loads
// (a or a·dt, b, c, d) and made a 256x256 sweep 4 % faster. Same values,
// same operations: the same bits.
struct SharedCore {
    V p2, p1, p0, dt, zPeak;
};

struct SharedCoreView {
    const V &p2, &p1, &p0, &dt;    // the group's (SharedCore)
    const V &a, &b, &vb, &e, &dtA; // the vector's own (LaneConstants)
};

enum class Kind { Euler, SemiImplicit, HalfStep, RK4 };

// One cell's bookkeeping besides its lane of the vectors.
struct Lane {
    bool real = false;  // a cell, not padding at the end of the last group
    bool alive = false; // not diverged (padding is never alive)
    std::size_t cell = 0;
    std::optional<StimulusSchedule> schedule;
    std::size_t chunk = 0; // index of the chunk holding the current segment
    std::vector<double> spikes;
    std::optional<double> divergenceTime;
};

struct alignas(64) Group {
    LaneConstants k[kVectors];
    V v[kVectors], u[kVectors], current[kVectors];
    M flags[kVectors]; // the lanes handleEvents looks at
    Lane lanes[kBatchGroupCells];
    // Spikes of the block in progress on the inline path: (step − block start)
    // << 5 | lane, in order; room for every lane spiking at every step.
    std::uint16_t spikeLog[kBlockSteps * kBatchGroupCells];
    std::size_t spikeLogSize = 0;
    // The same for the AVX-512VL path: the block's steps with a spike, in
    // order, each with the lanes that spiked (bit i for lane i).
    struct SpikingStep {
        std::uint32_t lanes;
        std::uint32_t step; // − block start
    };
    SpikingStep spikingSteps[kBlockSteps];
    std::size_t spikingStepCount = 0;
    double dt = 0; // the shared step, for spike times and ramp currents
    bool standardRecovery = true; // vb = 0 and e = 1 in every live lane
    std::size_t steps = 0;

    double& laneOf(V* vectors, int lane) { return vectors[lane / kLanes][lane % kLanes]; }
    bool laneOfFlags(int lane) const { return flags[lane / kLanes][lane % kLanes] != 0; }

    // A diverged (or padding) lane: constants that hold v = u = 0 still
    // whatever the current (dt = 0, so every increment is 0·finite) and a
    // vpeak of +inf, so the lane never calls for attention again.
    void neutralise(int lane) {
        LaneConstants& k = this->k[lane / kLanes];
        const int i = lane % kLanes;
        for (V* constant : {&k.p2, &k.p1, &k.p0, &k.a, &k.b, &k.vb, &k.e, &k.c, &k.d, &k.dt,
                            &k.halfDt, &k.dtA, &k.halfA, &k.uOffset, &k.uFromV,
                            &k.p0z, &k.alz, &k.be, &k.gaz, &k.b2c0, &k.b2c1, &k.c2, &k.h2,
                            &k.kap0, &k.kap1, &k.r0g, &k.r1c0, &k.r1z, &k.r1u,
                            &k.r2, &k.pc0, &k.pc1, &k.pc2, &k.t1c0, &k.t1c1, &k.t2c0,
                            &k.t2c1, &k.qc0, &k.qc1, &k.qc2, &k.t3mx, &k.t3mg, &k.t3c0,
                            &k.t3c1, &k.q4, &k.ug, &k.ux, &k.u1c0, &k.u1c1, &k.u2,
                            &k.zShift, &k.vFromZ, &k.resetZ})
            (*constant)[i] = 0.0;
        k.halfB[i] = 1.0;
        k.uKeep[i] = 1.0;
        k.zScale[i] = 1.0;
        k.vpeak[i] = std::numeric_limits<double>::infinity();
        k.zPeak[i] = std::numeric_limits<double>::infinity();
        laneOf(v, lane) = 0.0;
        laneOf(u, lane) = 0.0;
        laneOf(current, lane) = 0.0;
        lanes[lane].alive = false;
    }

    // Whether every lane is live and holds lane 0's p2, p1, p0, dt and zPeak,
    // bit for bit (a −0 is not a +0 here).
    bool coreIsShared() const {
        auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
        for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
            const LaneConstants& own = k[lane / kLanes];
            const int i = lane % kLanes;
            if (!lanes[lane].alive || bits(own.p2[i]) != bits(k[0].p2[0]) ||
                bits(own.p1[i]) != bits(k[0].p1[0]) || bits(own.p0[i]) != bits(k[0].p0[0]) ||
                bits(own.dt[i]) != bits(k[0].dt[0]) || bits(own.zPeak[i]) != bits(k[0].zPeak[0]))
                return false;
        }
        return true;
    }

    // Lane `lane` takes the constants of `s`; with `shiftedRK4`, the state
    // coordinate is RK4Terms's z, otherwise v itself.
    void load(int lane, const StepConstants& s, bool shiftedRK4) {
        LaneConstants& k = this->k[lane / kLanes];
        const int i = lane % kLanes;
        k.p2[i] = s.p2;
        k.p1[i] = s.p1;
        k.p0[i] = s.p0;
        k.a[i] = s.a;
        k.b[i] = s.b;
        k.vb[i] = s.vb;
        k.e[i] = s.e;
        k.c[i] = s.c;
        k.d[i] = s.d;
        k.vpeak[i] = s.vpeak;
        k.dt[i] = s.dt;
        k.halfDt[i] = s.halfDt;
        k.dtA[i] = s.dtA;
        k.halfA[i] = s.halfA;
        k.halfB[i] = s.halfB;
        k.uKeep[i] = s.uKeep;
        k.uOffset[i] = s.uOffset;
        k.uFromV[i] = s.uFromV;
        k.zScale[i] = shiftedRK4 ? s.rk4.zScale : 1.0;
        k.zShift[i] = shiftedRK4 ? s.rk4.zShift : 0.0;
        k.vFromZ[i] = shiftedRK4 ? s.rk4.vFromZ : 1.0;
        k.resetZ[i] = shiftedRK4 ? s.rk4.toState(s.c) : s.c;
        k.zPeak[i] = shiftedRK4 ? s.rk4.zPeak : s.vpeak;
        if (!shiftedRK4) // the other schemes never read RK4Terms
            return;
        const auto& r = s.rk4;
        k.p0z[i] = r.p0z;
        k.alz[i] = r.alz;
        k.be[i] = r.be;
        k.gaz[i] = r.gaz;
        k.b2c0[i] = r.b2c0;
        k.b2c1[i] = r.b2c1;
        k.c2[i] = r.c2;
        k.h2[i] = r.h2;
        k.kap0[i] = r.kap0;
        k.kap1[i] = r.kap1;
        k.r0g[i] = r.r0g;
        k.r1c0[i] = r.r1c0;
        k.r1z[i] = r.r1z;
        k.r1u[i] = r.r1u;
        k.r2[i] = r.r2;
        k.pc0[i] = r.pc0;
        k.pc1[i] = r.pc1;
        k.pc2[i] = r.pc2;
        k.t1c0[i] = r.t1c0;
        k.t1c1[i] = r.t1c1;
        k.t2c0[i] = r.t2c0;
        k.t2c1[i] = r.t2c1;
        k.qc0[i] = r.qc0;
        k.qc1[i] = r.qc1;
        k.qc2[i] = r.qc2;
        k.t3mx[i] = r.t3mx;
        k.t3mg[i] = r.t3mg;
        k.t3c0[i] = r.t3c0;
        k.t3c1[i] = r.t3c1;
        k.q4[i] = r.q4;
        k.ug[i] = r.ug;
        k.ux[i] = r.ux;
        k.u1c0[i] = r.u1c0;
        k.u1c1[i] = r.u1c1;
        k.u2[i] = r.u2;
    }
};

// The rare path of the step loop: a lane flagged in `flags` spiked, diverged,
// or (exact mode: a false alarm) only looked as if it might have. Applies
// docs/integrators.md#fixed-step-conventions exactly as runFixedSteps does for the scalar engine. In fast mode a
// non-finite lane may have diverged at an earlier, unchecked step: the
// function then returns false and the caller replays the block exactly.
template <bool Exact> [[gnu::noinline]] bool handleEvents(Group& g, std::size_t step) {
    const double time = static_cast<double>(step) * g.dt + g.dt;
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
        if (!g.laneOfFlags(lane))
            continue;
        double& z = g.laneOf(g.v, lane); // the state coordinate (RK4Terms)
        double& u = g.laneOf(g.u, lane);
        Lane& cell = g.lanes[lane];
        if (!cell.alive) {
            z = 0.0;
            u = 0.0;
            continue;
        }
        const LaneConstants& k = g.k[lane / kLanes];
        const int i = lane % kLanes;
        const double v = k.vFromZ[i] * z - k.zShift[i]; // exactly z for (1, 0)
        if (v < k.vpeak[i] && std::isfinite(v) && std::isfinite(u))
            continue;
        if (!std::isfinite(v) || !std::isfinite(u)) {
            if (!Exact)
                return false;
            cell.divergenceTime = time;
            g.neutralise(lane);
            continue;
        }
        cell.spikes.push_back(time);
        z = k.resetZ[i];
        u = u + k.d[i];
    }
    return true;
}

[[gnu::noinline]] void fillRampCurrents(Group& g, std::size_t step) {
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
        const Lane& cell = g.lanes[lane];
        if (cell.alive)
            g.laneOf(g.current, lane) = cell.schedule->chunks()[cell.chunk].currentAtStep(step, g.dt);
    }
}

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

// One bit per lane of a mask (lane i → bit i).
template <Isa isa> [[gnu::always_inline]] inline std::uint32_t laneBits(const M& mask) {
#if IZH_BATCH_X86
    if constexpr (isa != Isa::Sse2) // a builtin, expanded only where inlined into AVX2 code
        return static_cast<std::uint32_t>(
            __builtin_ia32_movmskpd256(reinterpret_cast<__m256d>(mask)));
#endif
    std::uint32_t bits = 0;
    for (int i = 0; i < kLanes; ++i)
        bits |= static_cast<std::uint32_t>(mask[i] != 0) << i;
    return bits;
}

template <Isa isa> [[gnu::always_inline]] inline bool anyLane(const M& mask) {
    // Generic code: GCC's always_inline rules forbid AVX intrinsics in a
    // function not itself compiled for AVX, and this one is shared.
    using H = long long __attribute__((vector_size(16)));
    const H low = {mask[0], mask[1]}, high = {mask[2], mask[3]};
#if IZH_BATCH_X86
    if constexpr (isa != Isa::Sse2) // vptest: one instruction to the flags (a builtin, as in laneBits)
        return !__builtin_ia32_ptestz256(reinterpret_cast<__m256i>(mask),
                                         reinterpret_cast<__m256i>(mask));
    else
        return _mm_movemask_pd(reinterpret_cast<__m128d>(low | high)) != 0;
#endif
    const H both = low | high;
    return (both[0] | both[1]) != 0;
}

template <class Scheme>
[[gnu::always_inline]] inline void prepareInput(V& input, const LaneConstants& k, const V& current) {
    Scheme::input(input, k, current);
}

// Steps [from, to) of one block within a segment (a constant set of stimulus
// chunks). The state stays in registers; only events leave the loop. Returns
// false (fast mode) when the block must be replayed in exact mode. Shared
// (AVX-512VL fast mode, g.coreIsShared()): the step reads SharedCore's constants
// from registers.
template <class Scheme, Isa isa, bool Ramps, bool Exact, bool Shared = false>
[[gnu::always_inline]] inline bool runSteps(Group& g, std::size_t from, std::size_t to) {
    static_assert(!Shared || (Scheme::kCanShareCore && isa == Isa::Avx512 && !Exact));
    [[maybe_unused]] const SharedCore core{g.k[0].p2, g.k[0].p1, g.k[0].p0, g.k[0].dt,
                                           g.k[0].zPeak};
    V v[kVectors], u[kVectors], input[kVectors];
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        v[q] = g.v[q];
        u[q] = g.u[q];
        prepareInput<Scheme>(input[q], g.k[q], g.current[q]);
    }
    bool ok = true;
    unsigned nonFiniteLanes = 0;      // AVX-512VL fast mode, rk4: any lane's v NaN or ±inf
    std::size_t spikingStepCount = 0; // AVX-512VL fast mode: g.spikingSteps in use
    for (std::size_t step = from; step < to; ++step) {
        if constexpr (Ramps) {
            fillRampCurrents(g, step);
#pragma GCC unroll 8
            for (int q = 0; q < kVectors; ++q)
                prepareInput<Scheme>(input[q], g.k[q], g.current[q]);
        }
        // AVX-512VL, fast mode: resets without a branch. A spiking group-step
        // is too frequent (a quarter of them in a typical sweep) and too
        // unpredictable for one, and a mispredicted branch here discards a
        // whole step of in-flight work. The flags are mask registers, the
        // resets masked operations (builtins, as in laneBits); each step's
        // flags are recorded, and the spike times reach the lanes after the
        // block. A flagged v that is not finite must not be reset to c and
        // forgotten: for the schemes whose state is v, the reset v·0 + c
        // turns a NaN or +inf into NaN, which the block's end check finds
        // (as it finds a −inf v, which is never flagged), and the block is
        // replayed exactly. For rk4, whose z can be finite while v = vFromZ·z
        // − zShift is not, a second compare notes such lanes. The loop is
        // bound by its floating-point operations (the scheme's seven
        // products and seven sums, the compare, the reset and u + d), so
        // every one saved counts.
        if constexpr (!Exact && isa == Isa::Avx512) {
#if IZH_BATCH_X86
            std::uint32_t spiked = 0;
#pragma GCC unroll 8
            for (int q = 0; q < kVectors; ++q) {
                if constexpr (Shared) {
                    const LaneConstants& own = g.k[q];
                    Scheme::step(SharedCoreView{core.p2, core.p1, core.p0, core.dt, own.a, own.b,
                                                own.vb, own.e, own.dtA},
                                 v[q], u[q], input[q]);
                } else {
                    Scheme::step(g.k[q], v[q], u[q], input[q]);
                }
            }
#pragma GCC unroll 8
            for (int q = 0; q < kVectors; ++q) {
                const V& peak = Shared ? core.zPeak : g.k[q].zPeak;
                const auto flag = __builtin_ia32_cmppd256_mask(v[q], peak, _CMP_NLT_UQ,
                                                               static_cast<__mmask8>(-1));
                if constexpr (Scheme::kStateIsV) {
                    // v·0 + c in the flagged lanes, one masked FMA: c for a
                    // finite v, NaN for a v of NaN or +inf, which stays NaN to
                    // the block's end check (v·0 is ±0 exactly, and ±0 + c is
                    // c but for the sign of a zero c, which no later spike
                    // time can see).
                    constexpr V kZero = {0.0, 0.0, 0.0, 0.0};
                    v[q] = __builtin_ia32_vfmaddpd256_mask(v[q], kZero, g.k[q].resetZ, flag);
                } else {
                    constexpr V kInfinity = {std::numeric_limits<double>::infinity(),
                                             std::numeric_limits<double>::infinity(),
                                             std::numeric_limits<double>::infinity(),
                                             std::numeric_limits<double>::infinity()};
                    constexpr long long kNoSign = std::numeric_limits<long long>::max();
                    constexpr M kMagnitude = {kNoSign, kNoSign, kNoSign, kNoSign};
                    V observed; // v = vFromZ·z − zShift, whose |v| can overflow for a finite z
                    Scheme::observe(observed, g.k[q], v[q]);
                    observed = reinterpret_cast<V>(reinterpret_cast<M>(observed) & kMagnitude);
                    nonFiniteLanes |= __builtin_ia32_cmppd256_mask(observed, kInfinity, _CMP_NLT_UQ,
                                                                   static_cast<__mmask8>(-1));
                    v[q] = __builtin_ia32_blendmpd_256_mask(v[q], g.k[q].resetZ, flag);
                }
                u[q] = __builtin_ia32_addpd256_mask(u[q], g.k[q].d, u[q], flag);
                spiked |= static_cast<std::uint32_t>(flag) << (q * kLanes);
            }
            // Gathered without a branch: a quarter of the steps have a
            // spike, at random, so a branch would mostly be mispredicted.
            g.spikingSteps[spikingStepCount] = {spiked, static_cast<std::uint32_t>(step - from)};
            spikingStepCount += spiked != 0;
            continue;
#endif
        }
        M flag[kVectors];
#pragma GCC unroll 8
        for (int q = 0; q < kVectors; ++q) {
            Scheme::step(g.k[q], v[q], u[q], input[q]);
            flagAttention<Scheme, Exact>(flag[q], g.k[q], v[q], u[q]);
        }
        M any = flag[0];
#pragma GCC unroll 8
        for (int q = 1; q < kVectors; ++q)
            any |= flag[q];
        // AVX2 handles spikes inline behind a branch (with 16 registers the
        // branch-free form of AVX-512VL measured 10 % slower); on the
        // baseline path GCC spills the lowered vectors around inline
        // handling, so the out-of-line handler serves.
        if (!Exact && isa == Isa::Avx2 && anyLane<isa>(any)) [[unlikely]] {
            // Fast mode: spikes reset lane-wise in registers (branch-free
            // selects), their times appended for the flagged lanes only; a
            // flagged lane whose v is not finite (NaN or +inf: a flagged v is
            // ≥ vpeak) calls for the exact replay. A non-finite u stays so
            // through u + d and is caught by the block's final check.
            constexpr double kInfinity = std::numeric_limits<double>::infinity();
            M nonFinite = {0, 0, 0, 0};
            std::uint32_t spiked = 0;
#pragma GCC unroll 8
            for (int q = 0; q < kVectors; ++q) {
                V observed;
                Scheme::observe(observed, g.k[q], v[q]);
                nonFinite |= flag[q] & ~(observed < kInfinity);
                select(v[q], flag[q], g.k[q].resetZ, v[q]);
                select(u[q], flag[q], u[q] + g.k[q].d, u[q]);
                spiked |= laneBits<isa>(flag[q]) << (q * kLanes);
            }
            if (anyLane<isa>(nonFinite)) {
                ok = false;
                break;
            }
            // No calls here (a call would make the compiler save every live
            // vector around it): the spikes go to the group's log, which
            // holds a whole block's worth, and reach the lanes after it.
            const auto offset = static_cast<std::uint16_t>((step - from) << 5);
            for (; spiked; spiked &= spiked - 1)
                g.spikeLog[g.spikeLogSize++] =
                    static_cast<std::uint16_t>(offset | static_cast<unsigned>(__builtin_ctz(spiked)));
        } else if ((Exact || isa == Isa::Sse2) && anyLane<isa>(any)) [[unlikely]] {
#pragma GCC unroll 8
            for (int q = 0; q < kVectors; ++q) {
                g.v[q] = v[q];
                g.u[q] = u[q];
                g.flags[q] = flag[q];
            }
            ok = handleEvents<Exact>(g, step);
#pragma GCC unroll 8
            for (int q = 0; q < kVectors; ++q) {
                v[q] = g.v[q];
                u[q] = g.u[q];
            }
            if (!ok)
                break;
            if constexpr (Exact) { // a lane may have been neutralised
#pragma GCC unroll 8
                for (int q = 0; q < kVectors; ++q)
                    prepareInput<Scheme>(input[q], g.k[q], g.current[q]);
            }
        }
    }
#pragma GCC unroll 8
    for (int q = 0; q < kVectors; ++q) {
        g.v[q] = v[q];
        g.u[q] = u[q];
    }
    g.spikingStepCount = spikingStepCount;
    return ok && nonFiniteLanes == 0;
}

// Whether every live lane's state is finite (the end-of-block check of fast mode).
inline bool allFinite(const Group& g) {
    for (int q = 0; q < kVectors; ++q) {
        const V v = g.k[q].vFromZ * g.v[q] - g.k[q].zShift; // exactly g.v for (1, 0)
        const V probe = v * 0.0 + g.u[q] * 0.0;              // 0 exactly when both are finite
        for (int i = 0; i < kLanes; ++i)
            if (!(probe[i] == 0.0))
                return false;
    }
    return true;
}

// Hands the block's logged spikes to their lanes, timed as runFixedSteps
// times them (t_k + dt).
[[gnu::noinline]] void flushSpikeLog(Group& g, std::size_t from) {
    for (std::size_t i = 0; i < g.spikeLogSize; ++i) {
        const std::size_t step = from + (g.spikeLog[i] >> 5);
        g.lanes[g.spikeLog[i] & 31].spikes.push_back(static_cast<double>(step) * g.dt + g.dt);
    }
    g.spikeLogSize = 0;
}

// The same from the AVX-512VL path's record.
[[gnu::noinline]] void flushSpikingSteps(Group& g, std::size_t from) {
    for (std::size_t i = 0; i < g.spikingStepCount; ++i) {
        const Group::SpikingStep& entry = g.spikingSteps[i];
        const double time = static_cast<double>(from + entry.step) * g.dt + g.dt;
        for (std::uint32_t spiked = entry.lanes; spiked; spiked &= spiked - 1)
            g.lanes[__builtin_ctz(spiked)].spikes.push_back(time);
    }
    g.spikingStepCount = 0;
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
                    v = k.zScale[i] * (((k.vFromZ[i] * v - k.zShift[i]) + chunk.spikeWeight) +
                                       k.zShift[i]);
                }
            }
            ramps = ramps || !chunk.ramps.empty();
            g.laneOf(g.current, lane) = chunk.constantPart;
        }
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
// libm's fma (every vector saved around each) halve euler's speed.
template <class Scheme> [[gnu::noinline]] bool runGroupBaselineWith(Group& g,
                                                                    const RunControl& control) {
    return runGroupWith<Scheme, Isa::Sse2>(g, control);
}

template <class Scheme, Isa isa> [[gnu::always_inline]] inline bool runScheme(Group& g,
                                                                        const RunControl& control) {
    if constexpr (isa == Isa::Sse2)
        return runGroupBaselineWith<Scheme>(g, control);
    else
        return runGroupWith<Scheme, isa>(g, control);
}

template <Isa isa> [[gnu::always_inline]] inline bool dispatchKind(Kind kind, Group& g,
                                                                   const RunControl& control) {
    if (g.standardRecovery) {
        switch (kind) {
        case Kind::Euler: return runScheme<VecEuler<true>, isa>(g, control);
        case Kind::SemiImplicit: return runScheme<VecSemiImplicit<true>, isa>(g, control);
        case Kind::HalfStep: return runScheme<VecHalfStep<true>, isa>(g, control);
        case Kind::RK4: return runScheme<VecRK4<true, isa>, isa>(g, control);
        }
    }
    switch (kind) {
    case Kind::Euler: return runScheme<VecEuler<false>, isa>(g, control);
    case Kind::SemiImplicit: return runScheme<VecSemiImplicit<false>, isa>(g, control);
    case Kind::HalfStep: return runScheme<VecHalfStep<false>, isa>(g, control);
    case Kind::RK4: return runScheme<VecRK4<false, isa>, isa>(g, control);
    }
    return true;
}

bool runGroupBaseline(Kind kind, Group& g, const RunControl& control) {
    return dispatchKind<Isa::Sse2>(kind, g, control);
}

#if IZH_BATCH_X86
[[gnu::target("avx2,fma")]] bool runGroupAvx2(Kind kind, Group& g, const RunControl& control) {
    return dispatchKind<Isa::Avx2>(kind, g, control);
}

// The same 4-lane code with AVX-512VL's encoding: 32 vector registers instead
// of 16, so the interleaved chains' constants and state spill less. No 512-bit
// operations (they would buy nothing on double-pumped units); FMA only where
// every path fuses (rk4): the same IEEE operations per lane as the others.
[[gnu::target("avx2,fma,avx512f,avx512vl")]] bool runGroupAvx512(Kind kind, Group& g,
                                                             const RunControl& control) {
    return dispatchKind<Isa::Avx512>(kind, g, control);
}
#endif

Kind kindOf(IntegratorKind integrator) {
    switch (integrator) {
    case IntegratorKind::Euler: return Kind::Euler;
    case IntegratorKind::SemiImplicit: return Kind::SemiImplicit;
    case IntegratorKind::HalfStep: return Kind::HalfStep;
    case IntegratorKind::RK4: return Kind::RK4;
    case IntegratorKind::RK45: break;
    }
    return Kind::Euler;
}

struct SharedGrid {
    IntegratorKind integrator;
    double dt;
    std::size_t steps;
};

SharedGrid gridOf(const SimulationRequest& request) {
    return {request.settings.integrator, request.settings.dt, request.settings.stepCount()};
}

void requireSameGrid(const SharedGrid& grid, const SimulationRequest& request) {
    const SharedGrid own = gridOf(request);
    if (own.integrator != grid.integrator)
        throw InvalidInput("integrator", "all cells of a batch must use one integrator");
    if (own.dt != grid.dt || own.steps != grid.steps)
        throw InvalidInput("dt", "all cells of a batch must share dt and duration");
}

} // namespace

SimdPath resolveSimdPath(SimdPath requested) {
#if IZH_BATCH_X86
    if (requested == SimdPath::Baseline)
        return SimdPath::Baseline;
    __builtin_cpu_init();
    // Both AVX paths fuse rk4's multiply-adds with FMA instructions.
    const bool fma = __builtin_cpu_supports("fma");
    const bool avx512 =
        fma && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    if (avx512 && (requested == SimdPath::Auto || requested == SimdPath::Avx512))
        return SimdPath::Avx512;
    return fma && __builtin_cpu_supports("avx2") ? SimdPath::Avx2 : SimdPath::Baseline;
#else
    (void)requested;
    return SimdPath::Baseline;
#endif
}

const char* simdPathName(SimdPath path) {
    switch (path) {
    case SimdPath::Auto: return "auto";
    case SimdPath::Baseline: return "baseline (SSE2)";
    case SimdPath::Avx2: return "avx2";
    case SimdPath::Avx512: return "avx512vl";
    }
    return "?";
}

BatchOutcome runBatch(std::size_t cellCount, const BatchCellRequest& cellRequest,
                      const BatchCellSink& onCell, const BatchOptions& options) {
    BatchOutcome outcome;
    outcome.simdUsed = resolveSimdPath(options.simd);
    if (cellCount == 0)
        return outcome;
    const SimulationRequest first = cellRequest(0);
    first.validate(false);
    const SharedGrid grid = gridOf(first);
    const bool scalar = grid.integrator == IntegratorKind::RK45;
    const Kind kind = kindOf(grid.integrator);

    const std::size_t groups = (cellCount + kBatchGroupCells - 1) / kBatchGroupCells;
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, groups));
    outcome.threadsUsed = threads;

    std::atomic<std::size_t> nextGroup{0}, cellsDone{0};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::exception_ptr error;
    const RunControl& control = options.control;
    const SimdPath path = outcome.simdUsed;

    // The user's cancel flag, or an internal stop after an exception.
    auto stopped = [&] { return stop.load(std::memory_order_relaxed) || control.cancelled(); };

    auto worker = [&] {
        try {
            auto group = std::make_unique<Group>();
            Group& g = *group;
            std::atomic<bool> groupStop{false};
            // Checked inside a group: the user's cancel and the internal stop.
            RunControl inner{&groupStop, nullptr};
            std::vector<SimulationRequest> requests; // the group's cells
            while (!stopped()) {
                const std::size_t index = nextGroup.fetch_add(1, std::memory_order_relaxed);
                if (index >= groups)
                    break;
                const std::size_t firstCell = index * kBatchGroupCells;
                const std::size_t cells = std::min(kBatchGroupCells, cellCount - firstCell);

                requests.clear();
                for (std::size_t c = 0; c < cells; ++c) {
                    requests.push_back(cellRequest(firstCell + c));
                    requests.back().validate(false);
                    requireSameGrid(grid, requests.back());
                }
                // The vectorised rk4 is the shifted form only (RK4Terms).
                const bool cellByCell =
                    scalar || (kind == Kind::RK4 &&
                               !std::all_of(requests.begin(), requests.end(), [](const auto& r) {
                                   return RK4Terms::usesShift(r.model);
                               }));
                if (cellByCell) {
                    for (std::size_t c = 0; c < cells && !stopped(); ++c) {
                        RunControl cellControl{control.cancel, nullptr};
                        const RunOutcome run = simulateSpikes(requests[c], cellControl);
                        if (run.cancelled)
                            break;
                        onCell(firstCell + c, {run.spikeTimes, run.divergenceTime});
                        const std::size_t done = cellsDone.fetch_add(1) + 1;
                        control.report(static_cast<double>(done) / static_cast<double>(cellCount));
                    }
                    continue;
                }

                g.dt = grid.dt;
                g.steps = grid.steps;
                for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
                    Lane& cell = g.lanes[lane];
                    cell.spikes.clear();
                    cell.divergenceTime.reset();
                    cell.chunk = 0;
                    cell.real = static_cast<std::size_t>(lane) < cells;
                    if (!cell.real) {
                        cell.schedule.reset();
                        g.neutralise(lane);
                        continue;
                    }
                    cell.cell = firstCell + lane;
                    const SimulationRequest& request = requests[lane];
                    cell.schedule.emplace(request.protocol, grid.dt, grid.steps);
                    const StepConstants constants(request.model, grid.dt, kind == Kind::RK4);
                    g.load(lane, constants, kind == Kind::RK4);
                    g.laneOf(g.v, lane) = kind == Kind::RK4 ? constants.rk4.toState(request.model.v0)
                                                            : request.model.v0;
                    g.laneOf(g.u, lane) = request.model.initialU();
                    g.laneOf(g.current, lane) = 0.0;
                    cell.alive = true;
                }
                g.standardRecovery = true;
                for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane)
                    if (g.lanes[lane].alive)
                        g.standardRecovery = g.standardRecovery &&
                                             g.k[lane / kLanes].vb[lane % kLanes] == 0.0 &&
                                             g.k[lane / kLanes].e[lane % kLanes] == 1.0;
                groupStop.store(stopped(), std::memory_order_relaxed);
                // The inner control polls the user's flag directly.
                inner.cancel = control.cancel ? control.cancel : &groupStop;
                bool finished;
#if IZH_BATCH_X86
                finished = path == SimdPath::Avx512 ? runGroupAvx512(kind, g, inner)
                           : path == SimdPath::Avx2 ? runGroupAvx2(kind, g, inner)
                                                    : runGroupBaseline(kind, g, inner);
#else
                finished = runGroupBaseline(kind, g, inner);
#endif
                if (!finished || stop.load(std::memory_order_relaxed))
                    break;
                for (const Lane& cell : g.lanes)
                    if (cell.real)
                        onCell(cell.cell, {cell.spikes, cell.divergenceTime});
                const std::size_t done = cellsDone.fetch_add(cells) + cells;
                control.report(static_cast<double>(done) / static_cast<double>(cellCount));
            }
        } catch (...) {
            std::lock_guard lock(errorMutex);
            if (!error)
                error = std::current_exception();
            stop.store(true);
        }
    };

    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (auto& thread : pool)
        thread.join();
    if (error)
        std::rethrow_exception(error);
    outcome.cellsDone = cellsDone.load();
    outcome.cancelled = outcome.cellsDone < cellCount;
    return outcome;
}

} // namespace izh
