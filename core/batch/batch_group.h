// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/group_size.h"
#include "core/batch/lane_vectors.h"
#include "core/integrate/fixed_step_schemes.h"
#include "core/integrate/stimulus_schedule.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

// A group of the batch engine: kBatchGroupCells cells stepped together, each
// one lane of the interleaved vectors (batch_engine.h describes the layout).
namespace izh::batch {

inline constexpr int kVectors = static_cast<int>(kBatchGroupCells) / kLanes; // interleaved chains
inline constexpr std::size_t kPollEvery = 1 << 11; // steps between cancellation checks (an atomic load)
inline constexpr std::size_t kBlockSteps = 512;    // steps between finiteness checks (fast mode)
// The spike log's entries: 11 bits of step within a block, 5 of lane.
static_assert(kBatchGroupCells == 32 && kBlockSteps <= 2048);

// The fixed-step schemes a group runs (rk45 cells run the scalar engine).
enum class Kind { Euler, SemiImplicit, HalfStep, RK4 };

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
    // The same for the masked path: the block's steps with a spike, in
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
    void neutralise(int lane);

    // Whether every lane is live and holds lane 0's p2, p1, p0, dt and zPeak,
    // bit for bit (a −0 is not a +0 here).
    bool coreIsShared() const;

    // Lane `lane` takes the constants of `s`; with `shiftedRK4`, the state
    // coordinate is RK4Terms's z, otherwise v itself.
    void load(int lane, const StepConstants& s, bool shiftedRK4);
};

// The rare path of the step loop: a lane flagged in `flags` spiked, diverged,
// or (exact mode: a false alarm) only looked as if it might have. Applies
// docs/integrators.md#fixed-step-conventions exactly as runFixedSteps does for
// the scalar engine. In fast mode a non-finite lane may have diverged at an
// earlier, unchecked step: the function then returns false and the caller
// replays the block exactly.
template <bool Exact> bool handleEvents(Group& g, std::size_t step);

// Every live lane's current at `step`, from its chunk's ramps.
void fillRampCurrents(Group& g, std::size_t step);

// Hands the block's logged spikes (spikeLog, or spikingSteps of the masked
// path) to their lanes, timed as runFixedSteps times them (t_k + dt).
void flushSpikeLog(Group& g, std::size_t from);
void flushSpikingSteps(Group& g, std::size_t from);

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

} // namespace izh::batch
