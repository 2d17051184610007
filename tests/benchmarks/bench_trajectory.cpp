// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmarks for the docs/performance.md#budgets trajectory budgets. Prints the median of many
// repetitions (robust on a noisy shared machine):
//   one trajectory of 10⁴ steps (1 000 ms at dt 0.1), every fixed-step
//   scheme, full trace kept                               budget ≤ 0.1 ms
//   one trajectory of 10⁷ steps reduced for display        budget ≤ 100 ms
#include "core/integrate/envelope_recorder.h"
#include "core/integrate/fma_dispatch.h"
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace izh;
using Clock = std::chrono::steady_clock;

namespace {

template <class Run> double medianMs(int repetitions, Run run) {
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = Clock::now();
        run();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
}

SimulationRequest rsRequest(IntegratorKind kind, double dt) {
    auto r = defaultRequest(); // RS, dc 10, 1000 ms
    r.settings.integrator = kind;
    r.settings.dt = dt;
    return r;
}

} // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    int failures = 0;
    auto report = [&](const char* what, const char* scheme, double ms, double budget) {
        const bool ok = ms <= budget;
        failures += !ok;
        std::printf("%-34s %-14s median %9.4f ms  budget %7.1f ms  %s\n", what, scheme, ms,
                    budget, ok ? "ok" : "OVER");
    };
    for (auto kind : allIntegrators()) {
        if (!isFixedStep(kind))
            continue;
        const auto request = rsRequest(kind, 0.1);
        const double ms = medianMs(quick ? 50 : 500, [&] {
            volatile auto n = simulate(request).sampleCount();
            (void)n;
        });
        report("1e4 steps, full trace", integratorId(kind).data(), ms, 0.1);
    }
    for (auto kind : allIntegrators()) {
        if (!isFixedStep(kind))
            continue;
        const auto request = rsRequest(kind, 0.0001); // 1 000 ms at 0.1 µs: 10⁷ steps
        const double ms = medianMs(quick ? 3 : 11, [&] {
            Envelope envelope;
            EnvelopeRecorder recorder(envelope, request.settings.dt, 4096);
            runSimulation(request, recorder);
        });
        report("1e7 steps, display envelope", integratorId(kind).data(), ms, 100);
    }
    for (auto kind : allIntegrators()) {
        if (!isFixedStep(kind))
            continue;
        const auto request = rsRequest(kind, 0.1);
        const double ms = medianMs(quick ? 50 : 500, [&] { simulateSpikes(request); });
        std::printf("%-34s %-14s median %9.4f ms  (spike times only)\n", "1e4 steps, no trace",
                    integratorId(kind).data(), ms);
    }
    {
        // What CPUs without FMA instructions run: the loop with rk4's fused
        // multiply-adds emulated exactly (fused_multiply_add.h).
        setHardwareFmaAllowed(false);
        const auto request = rsRequest(IntegratorKind::RK4, 0.1);
        const double ms = medianMs(quick ? 50 : 500, [&] { simulate(request); });
        setHardwareFmaAllowed(true);
        std::printf("%-34s %-14s median %9.4f ms  (no FMA instructions: emulated)\n",
                    "1e4 steps, full trace", "rk4", ms);
    }
    {
        const auto request = rsRequest(IntegratorKind::RK45, 0.1);
        const double ms = medianMs(quick ? 20 : 200, [&] { simulate(request); });
        std::printf("%-34s %-14s median %9.4f ms  (no budget; for reference)\n",
                    "1 000 ms sampled at 0.1, rtol 1e-6", "rk45", ms);
    }
    return failures == 0 ? 0 : 1;
}
