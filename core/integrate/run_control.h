// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <vector>

namespace izh {

// How a caller on another thread steers a running simulation: it may ask it
// to stop, and may watch its progress. Both are polled by the integrator every
// few thousand steps, so cancelling is prompt and costs nothing per step.
struct RunControl {
    const std::atomic<bool>* cancel = nullptr;
    std::atomic<double>* progress = nullptr; // fraction of the run done, 0..1

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void report(double fraction) const {
        if (progress)
            progress->store(fraction, std::memory_order_relaxed);
    }
};

// What every integrator returns besides the samples it hands to its sink.
struct RunOutcome {
    std::vector<double> spikeTimes;       // ms; fixed-step: end of the step; rk45: located
    std::optional<double> divergenceTime; // set when the state left the finite range
    bool cancelled = false;
    std::size_t acceptedSteps = 0;
    std::size_t rejectedSteps = 0; // rk45 only

    bool diverged() const { return divergenceTime.has_value(); }
};

} // namespace izh
