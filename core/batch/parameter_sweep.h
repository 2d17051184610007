// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/spike_analysis.h"
#include "core/batch/batch_engine.h"
#include "core/model/simulation_request.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace izh {

inline constexpr std::size_t kMaxSweepPoints = 1024; // per axis

// One axis of a two-parameter sweep: `count` values of the settable parameter
// `name` (SimulationRequest::set), value(i) = lo + (hi − lo)·i/(count − 1),
// with value(count − 1) = hi exactly and a single point at lo. hi < lo gives a
// descending axis; hi = lo repeats one value.
struct SweepAxis {
    std::string name;
    double lo = 0, hi = 0;
    std::size_t count = 1;

    double value(std::size_t i) const;
    bool operator==(const SweepAxis&) const = default;
};

// Parses "NAME=LO:HI:N" (the CLI's --sweep). Throws InvalidInput naming
// "sweep" (malformed), the parameter (unknown or unsweepable), or N.
SweepAxis parseSweepAxis(std::string_view spec);

// Refuses what a sweep cannot do, naming the field: the same name on both
// axes; dt and duration (the cells share one time grid); rtol and atol with a
// fixed-step scheme (they have no effect); and any grid point the request
// would refuse (checked along the grid's edges, where the model's
// constraints—vpeak > c, v0 < vpeak—are tightest).
void validateSweep(const SimulationRequest& base, const SweepAxis& x, const SweepAxis& y);

// The request of grid point (i, j): base with x = x.value(i), y = y.value(j).
SimulationRequest sweepCellRequest(const SimulationRequest& base, const SweepAxis& x,
                                   const SweepAxis& y, std::size_t i, std::size_t j);

// One grid point's spike-train summary (docs/file-formats.md#sweep-csv sweep CSV columns).
struct SweepCell {
    std::size_t spikeCount = 0;
    std::optional<double> firstSpike; // ms
    double rateHz = 0;                // spikes per second of the simulated (valid) time
    std::optional<double> cvIsi;
    FiringPattern pattern = FiringPattern::Quiescent;
    std::optional<double> divergenceTime; // set: the cell left the finite range then

    // firingPatternId, or "diverged" for a cell that left the finite range.
    std::string_view patternId() const;
};

struct SweepResult {
    SweepAxis x, y;
    std::vector<SweepCell> cells; // row-major, x fastest: cells[j·x.count + i]
    bool cancelled = false;       // then only the finished cells are filled
    BatchOutcome batch;

    const SweepCell& at(std::size_t i, std::size_t j) const { return cells[j * x.count + i]; }
};

// Runs the grid on the batch engine (any integrator; rk45 runs scalar per
// cell on the worker threads). Validates first (throws InvalidInput).
SweepResult runSweep(const SimulationRequest& base, const SweepAxis& x, const SweepAxis& y,
                     const BatchOptions& options = {});

} // namespace izh
