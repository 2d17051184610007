// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/group_size.h"
#include "core/batch/simd_path.h"
#include "core/integrate/run_control.h"
#include "core/model/simulation_request.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <span>

namespace izh {

// The batch engine: many independent neurons (the cells of a parameter sweep)
// run side by side, vectorised across neurons and spread over all cores.
//
// Contract: each cell's spike times and divergence time are identical, bit
// for bit, to izh::simulateSpikes of the same request (same scheme, dt,
// protocol). The fixed-step schemes are evaluated lane-wise in exactly the
// scalar code's operation order (core/integrate/fixed_step_schemes.h,
// core/batch/lane_schemes.h); rk45 cells run the scalar adaptive integrator,
// one cell at a time on the worker threads.
//
// Layout: a *group* of kBatchGroupCells consecutive cells is stepped
// together, each cell one lane of a 4-double SIMD vector, several vectors
// interleaved to hide the latency of each neuron's dependency chain. State
// lives in registers; the step loop allocates nothing (spike times go to
// per-lane buffers reused from group to group). Worker threads take groups
// from a shared atomic counter, so a cell's result never depends on the
// number of threads or on which thread ran it.
//
// Portability: each scheme's kernel is compiled three times, for the x86-64
// baseline (SSE2: each 4-lane vector is two 2-lane operations), for AVX2 (one
// 4-lane operation) and for AVX-512VL (the same 4-lane operations with 32
// registers instead of 16); the path is chosen at run time with
// __builtin_cpu_supports, so the binary runs on any x86-64 and uses the wider
// units where present (group_kernels.h). All paths perform the same IEEE
// operations per lane, so they give identical results: no contraction into
// fused multiply-adds (the build has -ffp-contract=off), and rk4's explicit
// fused multiply-adds are correctly rounded on every path (an FMA instruction,
// or the exact emulation on the baseline).


struct BatchOptions {
    unsigned threads = 0;            // 0: one per hardware thread
    SimdPath simd = SimdPath::Auto;  // Auto: the widest path the CPU has
    RunControl control;              // cancel (checked every group and every
                                     // 2048 steps) and progress (cells done / cells)
};

// One cell's outcome: what simulateSpikes returns for its request.
struct BatchCellResult {
    std::span<const double> spikeTimes; // valid only during the callback
    std::optional<double> divergenceTime;
};

struct BatchOutcome {
    bool cancelled = false;
    std::size_t cellsDone = 0; // cells whose result was delivered
    SimdPath simdUsed = SimdPath::Baseline;
    unsigned threadsUsed = 0;
};

// The request of cell i. Called from the worker threads (concurrently, for
// different cells): it must be thread-safe. All cells must share the
// integrator, dt and the number of steps.
using BatchCellRequest = std::function<SimulationRequest(std::size_t cell)>;
// Receives each finished cell, from the worker threads (concurrently, for
// different cells; each cell exactly once unless cancelled).
using BatchCellSink = std::function<void(std::size_t cell, const BatchCellResult& result)>;

// Runs cells [0, cellCount). Throws InvalidInput if a cell's request is
// invalid or does not share the time grid of cell 0; exceptions thrown by the
// callbacks stop the run and are rethrown here.
BatchOutcome runBatch(std::size_t cellCount, const BatchCellRequest& cellRequest,
                      const BatchCellSink& onCell, const BatchOptions& options = {});


} // namespace izh
