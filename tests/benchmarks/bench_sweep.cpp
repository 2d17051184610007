// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark for the docs/performance.md#budgets sweep budget (not a test: timings on a shared
// 2-core machine are noisy). The grid of the sweep benchmark: 256×256 cells of
// (a, d) with a ∈ [0.01, 0.1], d ∈ [0, 10]; b 0.2, c −65, dc I 10, v0 −65,
// u0 −13, 1000 ms at dt 0.1, euler: 6.55·10⁸ neuron-steps. Prints the median
// of several runs in neuron-steps/s (budget ≥ 3·10⁹ on 2 cores), for the
// run-time-selected SIMD path and for the portable baseline.
//
//   bench_sweep [--threads N] [--runs R] [--scheme ID]
#include "core/batch/batch_engine.h"
#include "core/batch/parameter_sweep.h"
#include "core/model/parameter_catalogue.h"
#include "core/presets/preset_library.h"

#include <algorithm>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace izh;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    unsigned threads = 2;
    int runs = 5;
    std::string scheme = "euler";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--threads"))
            threads = static_cast<unsigned>(std::stoul(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--scheme"))
            scheme = argv[i + 1];
    }
    SimulationRequest base = defaultRequest();
    izh::setParameter(base, "b", 0.2);
    izh::setParameter(base, "c", -65);
    izh::setParameter(base, "I", std::getenv("BENCH_I") ? std::atof(std::getenv("BENCH_I")) : 10.0);
    izh::setParameter(base, "v0", -65);
    izh::setParameter(base, "u0", -13);
    base.settings.duration = 1000;
    base.settings.dt = 0.1;
    base.settings.integrator = *integratorFromId(scheme);
    const SweepAxis x{"a", 0.01, 0.1, 256}, y{"d", 0.0, 10.0, 256};
    const double neuronSteps = 256.0 * 256.0 * static_cast<double>(base.settings.stepCount());

    std::printf("sweep 256x256 (a, d), %s, 1000 ms at dt 0.1: %.4g neuron-steps, %u threads "
                "(hardware: %u)\n",
                scheme.c_str(), neuronSteps, threads, std::thread::hardware_concurrency());
    for (SimdPath path : {SimdPath::Avx512, SimdPath::Avx2, SimdPath::Baseline}) {
        BatchOptions options;
        options.threads = threads;
        options.simd = path;
        std::vector<double> seconds, cpuSeconds;
        std::size_t spikes = 0;
        for (int r = 0; r < runs; ++r) {
            const auto start = Clock::now();
            const std::clock_t cpuStart = std::clock();
            const SweepResult result = runSweep(base, x, y, options);
            seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
            cpuSeconds.push_back(static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC);
            spikes = 0;
            for (const auto& cell : result.cells)
                spikes += cell.spikeCount;
        }
        std::sort(seconds.begin(), seconds.end());
        std::sort(cpuSeconds.begin(), cpuSeconds.end());
        const double median = seconds[seconds.size() / 2];
        const double cpuMedian = cpuSeconds[cpuSeconds.size() / 2];
        std::printf("  %-16s median %.3f s (min %.3f, max %.3f) over %d runs: %.3g neuron-steps/s"
                    "  [total spikes %zu]\n",
                    simdPathName(resolveSimdPath(path)), median, seconds.front(), seconds.back(),
                    runs, neuronSteps / median, spikes);
        // On a machine shared with other work the wall clock understates the
        // engine: the CPU time it got says what idle cores would give.
        std::printf("  %-16s median CPU time %.3f s: %.3g neuron-steps per CPU-second "
                    "(x %u threads = %.3g/s on idle cores)\n",
                    "", cpuMedian, neuronSteps / cpuMedian, threads,
                    neuronSteps / cpuMedian * threads);
    }
    return 0;
}
