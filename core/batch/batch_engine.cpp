// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/batch_engine.h"

#include "core/base/invalid_input.h"
#include "core/batch/batch_group.h"
#include "core/batch/group_kernels.h"
#include "core/integrate/simulator.h"
#include "core/model/request_validation.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace izh {

using batch::Group;
using batch::Kind;
using batch::Lane;

namespace {

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

// Loads the group's lanes with `requests` (cells firstCell, firstCell + 1,
// ...); the lanes beyond them are padding, neutralised.
void loadGroup(Group& g, const std::vector<SimulationRequest>& requests, std::size_t firstCell,
               const SharedGrid& grid, Kind kind) {
    g.dt = grid.dt;
    g.steps = grid.steps;
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
        Lane& cell = g.lanes[lane];
        cell.spikes.clear();
        cell.divergenceTime.reset();
        cell.chunk = 0;
        cell.real = static_cast<std::size_t>(lane) < requests.size();
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
        g.laneOf(g.v, lane) =
            kind == Kind::RK4 ? constants.rk4.toState(request.model.v0) : request.model.v0;
        g.laneOf(g.u, lane) = request.model.initialU();
        g.laneOf(g.current, lane) = 0.0;
        cell.alive = true;
    }
    g.standardRecovery = true;
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane)
        if (g.lanes[lane].alive)
            g.standardRecovery = g.standardRecovery &&
                                 g.k[lane / batch::kLanes].vb[lane % batch::kLanes] == 0.0 &&
                                 g.k[lane / batch::kLanes].e[lane % batch::kLanes] == 1.0;
}

} // namespace

BatchOutcome runBatch(std::size_t cellCount, const BatchCellRequest& cellRequest,
                      const BatchCellSink& onCell, const BatchOptions& options) {
    BatchOutcome outcome;
    outcome.simdUsed = resolveSimdPath(options.simd);
    if (cellCount == 0)
        return outcome;
    const SimulationRequest first = cellRequest(0);
    validateRequest(first, false);
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
    const batch::GroupKernel kernel = batch::groupKernel(kind, outcome.simdUsed);

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
                    validateRequest(requests.back(), false);
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

                loadGroup(g, requests, firstCell, grid, kind);
                groupStop.store(stopped(), std::memory_order_relaxed);
                // The inner control polls the user's flag directly.
                inner.cancel = control.cancel ? control.cancel : &groupStop;
                const bool finished = kernel(g, inner);
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
