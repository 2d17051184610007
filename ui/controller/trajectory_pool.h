// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/trajectory.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

// Trajectories whose sample arrays are reused from run to run. A slider move
// on a long run (10⁶ steps: three arrays of 8 MB) would otherwise allocate
// fresh memory and fault in every page of it, and free the last run's pages
// on the GUI thread when the plot lets it go: more time than the run itself.
//
// acquire() hands out a trajectory; when its last holder lets it go (the
// plots, on the GUI thread), it returns to the pool's shelf instead of being
// freed. The worker thread takes it from there for a later run, and frees
// what the pool does not keep. The shelf's mutex orders the last reader's
// accesses before the next run's writes.
class TrajectoryPool {
public:
    // A trajectory to run into: a shelved one, or a new one.
    std::shared_ptr<izh::Trajectory> acquire();

private:
    // Enough for the runs on screen and pinned and the one being computed.
    static constexpr std::size_t kKept = 3;
    // Larger arrays are freed rather than kept (by acquire, off the GUI
    // thread): a run of 4·10⁶ samples and up gives its memory back.
    static constexpr std::size_t kLargestKept = 4'000'000;

    struct Shelf {
        std::mutex mutex;
        std::vector<std::unique_ptr<izh::Trajectory>> trajectories;
    };
    std::shared_ptr<Shelf> shelf_ = std::make_shared<Shelf>();
};
