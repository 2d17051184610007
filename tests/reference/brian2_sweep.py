#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Brian2 (C++ standalone) against our --sweep: the docs/performance.md#budgets sweep benchmark.

The grid of the sweep benchmark (docs/performance.md): 256×256 cells of (a, d), a = 0.01 … 0.1, d = 0 … 10
(value i of N: lo + (hi − lo)·i/(N − 1)), b 0.2, c −65, dc I 10, v0 −65,
u0 −13, 1000 ms at dt 0.1, forward Euler (6.55·10⁸ neuron-steps).

Brian2 runs it as one NeuronGroup of 65 536 neurons with per-neuron a and d,
method 'euler' (both derivatives from the state at the step's start: the explorer's
`euler`), threshold v >= 30, reset v = c; u += d, a SpikeMonitor counting
spikes, on the cpp_standalone device (single-threaded, as Brian2 ships). The
code is generated and compiled first; only the compiled binary's run is timed.

Ours: the izhikevich-explorer binary with the same grid (--threads 2), timed
as a whole process (start-up and CSV writing included); its own compute time
is reported too (elapsed_s on its stdout).

Each side runs --repeat times (5 by default), the two alternately, and the
medians are compared: this 2-core VM is noisy, and a single run of either can
be 20 % slow (two-thread runs more often than one-thread ones).

Prints both timings, the speed ratio and the share of cells whose spike
counts agree (target ≥ 99 %), and how much that share can mean here: the
share of cells whose count changes when I is moved by one ulp (10 to
10 + 2⁻⁴⁹) in our own run. A change that small in any step's rounding moves
about as many cells, so agreement with a build that rounds differently
(Brian2's default -ffast-math -march=native contracts multiply-adds) is
bounded by it; with the same IEEE operations (--strict-fp) it is exact.

    /usr/bin/python3 tests/reference/brian2_sweep.py path/to/izhikevich-explorer [--n 256]

Exits 1 when fewer than --min-agreement percent of the cells agree (99 by
default; CTest's brian2_sweep_agreement asks for 100 with --strict-fp).
"""

import argparse
import csv
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

A_LO, A_HI, D_LO, D_HI = 0.01, 0.1, 0.0, 10.0


def grid(lo, hi, n):
    return [lo if n == 1 else hi if i == n - 1 else lo + (hi - lo) * i / (n - 1) for i in range(n)]


def build_brian2(n, workdir, strict_fp):
    """Generates and compiles the Brian2 project; returns (run, compile seconds),
    run() running its binary once and returning (spike counts, seconds)."""
    import warnings
    warnings.filterwarnings('ignore')
    import numpy as np
    from brian2 import (NeuronGroup, SpikeMonitor, defaultclock, device, ms, prefs, run,
                        set_device)
    prefs.logging.console_log_level = 'ERROR'
    if strict_fp:  # Brian2's default flags include -ffast-math and -march=native
        prefs.codegen.cpp.extra_compile_args_gcc = ['-w', '-O3', '-ffp-contract=off']
    set_device('cpp_standalone', directory=workdir, build_on_run=False)
    a_values, d_values = grid(A_LO, A_HI, n), grid(D_LO, D_HI, n)
    # Cell j·n + i is (a_i, d_j): X fastest, as in our CSV.
    a_cells = np.array([a_values[k % n] for k in range(n * n)])
    d_cells = np.array([d_values[k // n] for k in range(n * n)])
    defaultclock.dt = 0.1 * ms
    group = NeuronGroup(n * n, '''dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
                                  du/dt = a*(b*v - u)/ms : 1
                                  a : 1
                                  d : 1
                                  b : 1
                                  I : 1''',
                        threshold='v >= 30', reset='v = -65; u += d', method='euler')
    group.a = a_cells
    group.d = d_cells
    group.b = 0.2
    group.I = 10
    group.v = -65
    group.u = -13
    monitor = SpikeMonitor(group, record=False)
    run(1000 * ms)
    start = time.perf_counter()
    device.build(directory=workdir, compile=True, run=False)
    compile_s = time.perf_counter() - start

    def run_once():
        start = time.perf_counter()
        device.run(directory=workdir, with_output=False, run_args=[])
        run_s = time.perf_counter() - start
        return [int(c) for c in monitor.count[:]], run_s

    return run_once, compile_s


def run_ours(cli, n, workdir, current=10.0):
    out = os.path.join(workdir, 'ours.csv')
    args = [cli, '--sweep', f'a={A_LO}:{A_HI}:{n}', '--sweep', f'd={D_LO}:{D_HI}:{n}',
            '--set', 'b=0.2', '--set', 'c=-65', '--set', f'I={current!r}', '--set', 'v0=-65',
            '--set', 'u0=-13', '--duration', '1000', '--dt', '0.1', '--integrator', 'euler',
            '--threads', '2', '--csv', out]
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    wall_s = time.perf_counter() - start
    compute = re.search(r'elapsed_s=(\S+)', done.stdout)
    with open(out, newline='') as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n * n
    a_values, d_values = grid(A_LO, A_HI, n), grid(D_LO, D_HI, n)
    for k, row in enumerate(rows):  # the CSV is the grid, X fastest
        assert float(row['a']) == a_values[k % n] and float(row['d']) == d_values[k // n], k
    return [int(r['spike_count']) for r in rows], wall_s, float(compute.group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('cli')
    parser.add_argument('--n', type=int, default=256)
    parser.add_argument('--repeat', type=int, default=5, help='runs of each side (medians)')
    parser.add_argument('--min-agreement', type=float, default=99.0,
                        help='percentage of cells with equal counts below which to fail')
    parser.add_argument('--strict-fp', action='store_true',
                        help='compile Brian2 without -ffast-math/-march=native (IEEE order)')
    options = parser.parse_args()
    n = options.n
    with tempfile.TemporaryDirectory() as workdir:
        run_brian2, compile_s = build_brian2(n, os.path.join(workdir, 'brian'), options.strict_fp)
        brian_runs, ours_runs = [], []
        for _ in range(options.repeat):  # alternately, so that both meet the same machine
            brian, seconds = run_brian2()
            brian_runs.append(seconds)
            ours_runs.append(run_ours(options.cli, n, workdir))
        nudged, _, _ = run_ours(options.cli, n, workdir, math.nextafter(10.0, math.inf))
    ours = ours_runs[0][0]
    assert all(run[0] == ours for run in ours_runs)
    brian_s = statistics.median(brian_runs)
    ours_wall = statistics.median(run[1] for run in ours_runs)
    ours_compute = statistics.median(run[2] for run in ours_runs)
    equal = sum(x == y for x, y in zip(brian, ours))
    within1 = sum(abs(x - y) <= 1 for x, y in zip(brian, ours))
    steps = n * n * 10000
    print(f'grid {n}x{n} (a, d), euler, 1000 ms at dt 0.1: {steps:.3g} neuron-steps')
    print(f'medians of {options.repeat} runs each; Brian2 built '
          f'{"without fast-math (IEEE)" if options.strict_fp else "with its default flags"}')
    print(f'Brian2 cpp_standalone (1 thread): run {brian_s:.3f} s '
          f'({steps / brian_s:.3g} neuron-steps/s); code generation + compilation {compile_s:.1f} s')
    print(f'  runs {", ".join(f"{t:.3f}" for t in brian_runs)} s')
    print(f'ours (--threads 2): {ours_wall:.3f} s for the whole process, compute {ours_compute:.3f} s '
          f'({steps / ours_compute:.3g} neuron-steps/s)')
    print(f'  runs {", ".join(f"{run[1]:.3f}" for run in ours_runs)} s (process)')
    print(f'speed-up: {brian_s / ours_wall:.2f}x (process) / {brian_s / ours_compute:.2f}x (compute)')
    print(f'spike counts equal in {100.0 * equal / len(ours):.3f} % of cells '
          f'({len(ours) - equal} differ; {100.0 * within1 / len(ours):.3f} % within ±1); '
          f'total spikes Brian2 {sum(brian)}, ours {sum(ours)}')
    moved = sum(x != y for x, y in zip(ours, nudged))
    print(f'sensitivity: I one ulp higher changes our spike count in {100.0 * moved / len(ours):.3f} % '
          f'of cells ({moved})')
    differing = [k for k in range(len(ours)) if brian[k] != ours[k]]
    if differing:
        d_rows = sorted({k // n for k in differing})
        a_cols = sorted({k % n for k in differing})
        print(f'differing cells lie in {len(d_rows)} of {n} d rows and {len(a_cols)} of {n} a columns; '
              f'first few (a, d, Brian2, ours): ' +
              ', '.join(f'({grid(A_LO, A_HI, n)[k % n]:.4g}, {grid(D_LO, D_HI, n)[k // n]:.4g}, '
                        f'{brian[k]}, {ours[k]})' for k in differing[:6]))
    return 0 if 100.0 * equal >= options.min_agreement * len(ours) else 1


if __name__ == '__main__':
    sys.exit(main())
