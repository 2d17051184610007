// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/controller/trajectory_pool.h"

std::shared_ptr<izh::Trajectory> TrajectoryPool::acquire() {
    std::unique_ptr<izh::Trajectory> trajectory;
    std::vector<std::unique_ptr<izh::Trajectory>> surplus; // freed after the lock, here
    {
        std::lock_guard lock(shelf_->mutex);
        auto& shelved = shelf_->trajectories;
        while (!shelved.empty() && !trajectory) {
            auto candidate = std::move(shelved.back());
            shelved.pop_back();
            if (candidate->v.capacity() > kLargestKept)
                surplus.push_back(std::move(candidate));
            else
                trajectory = std::move(candidate);
        }
        while (shelved.size() >= kKept) {
            surplus.push_back(std::move(shelved.back()));
            shelved.pop_back();
        }
    }
    if (!trajectory)
        trajectory = std::make_unique<izh::Trajectory>();
    return std::shared_ptr<izh::Trajectory>(
        trajectory.release(), [shelf = shelf_](izh::Trajectory* released) {
            std::unique_ptr<izh::Trajectory> owned(released);
            std::lock_guard lock(shelf->mutex);
            shelf->trajectories.push_back(std::move(owned));
        });
}
