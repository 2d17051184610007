// SPDX-License-Identifier: GPL-3.0-or-later
// How soon a run stops once it is asked to (docs/performance.md#budgets: every
// run can be cancelled, and stops within 100 ms). Each case starts a run of
// minutes, asks it to stop after 150 ms from another thread, and times the
// request to the run's return; prints the median of a few.
#include "core/batch/batch_engine.h"
#include "core/integrate/simulator.h"
#include "core/model/parameter_catalogue.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

using namespace izh;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kBudgetMs = 100;

// The median time from setting the cancel flag to `run` returning.
double medianStopMs(int repetitions, const std::function<void(const RunControl&)>& run) {
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        std::atomic<bool> cancel{false};
        std::atomic<Clock::rep> askedAt{0};
        std::thread asker([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            askedAt = Clock::now().time_since_epoch().count();
            cancel = true;
        });
        run(RunControl{&cancel, nullptr});
        const auto returned = Clock::now().time_since_epoch().count();
        asker.join();
        times.push_back(std::chrono::duration<double, std::milli>(
                            Clock::duration(returned - askedAt.load()))
                            .count());
    }
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
}

SimulationRequest longRun(IntegratorKind kind, double duration) {
    SimulationRequest request = defaultRequest();
    request.settings.integrator = kind;
    request.settings.duration = duration;
    return request;
}

} // namespace

int main() {
    int failures = 0;
    auto report = [&](const char* what, double ms) {
        const bool ok = ms <= kBudgetMs;
        failures += !ok;
        std::printf("cancel %-44s median %8.2f ms  budget %5.0f ms  %s\n", what, ms, kBudgetMs,
                    ok ? "ok" : "OVER");
    };
    report("one trajectory, rk4, 10^8 steps", medianStopMs(5, [](const RunControl& control) {
               simulateSpikes(longRun(IntegratorKind::RK4, 1e7), control);
           }));
    report("one trajectory, rk45, 10^7 ms", medianStopMs(5, [](const RunControl& control) {
               simulateSpikes(longRun(IntegratorKind::RK45, 1e7), control);
           }));
    report("sweep of 4096 cells, rk4, 10^6 steps each", medianStopMs(5, [](const RunControl& control) {
               const SimulationRequest base = longRun(IntegratorKind::RK4, 1e5);
               BatchOptions options;
               options.control = control;
               runBatch(
                   4096,
                   [&](std::size_t i) {
                       SimulationRequest r = base;
                       setParameter(r, "I", 5 + 0.001 * static_cast<double>(i));
                       return r;
                   },
                   [](std::size_t, const BatchCellResult&) {}, options);
           }));
    return failures ? 1 : 0;
}
