#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs every benchmark of docs/performance.md#budgets and holds the budgets.

    /usr/bin/python3 tests/benchmarks/run_benchmarks.py BUILD_DIR [--write] [--no-brian2]

Runs bench_trajectory, bench_sweep, bench_cancel, the window's --benchmark-ui, the
window's start to its first painted plot (offscreen), a headless start, and
Brian2's C++ standalone against our --sweep (brian2_sweep.py). Prints one
line per figure with its budget. Exits 1 when a figure is more than twice
its budget (or, for a rate, less than half of it): loose enough for a noisy
2-core machine, tight enough to catch a regression like the threefold one of
the 10⁶-step slider latency. With --write it also puts the table into
docs/performance.md, between its "generated: measured" markers.
"""
import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

TOP = Path(__file__).resolve().parents[2]
PYTHON = "/usr/bin/python3"


class Figure:
    def __init__(self, what, value, unit, budget=None, higher_is_better=False, command=""):
        self.what, self.value, self.unit = what, value, unit
        self.budget, self.higher_is_better, self.command = budget, higher_is_better, command

    def verdict(self):
        if self.budget is None:
            return "—"
        if self.higher_is_better:
            if self.value >= self.budget:
                return "ok"
            return "over" if self.value >= self.budget / 2 else "FAIL (under half the budget)"
        if self.value <= self.budget:
            return "ok"
        return "over" if self.value <= 2 * self.budget else "FAIL (over twice the budget)"

    def failed(self):
        return self.verdict().startswith("FAIL")

    def budget_text(self):
        if self.budget is None:
            return "—"
        return ("≥ " if self.higher_is_better else "≤ ") + number(self.budget) + " " + self.unit

    def row(self):
        command = f"`{self.command}`" if self.command else ""
        return (f"| {self.what} | {number(self.value)} {self.unit} | {self.budget_text()} | "
                f"{self.verdict()} | {command} |")


def number(value):
    if value >= 1e5:
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{mantissa}·10^{int(exponent)}"
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def run(command, **kwargs):
    """The command's standard output; its exit status is not the verdict (the
    budgets here are), but a command that printed nothing fails the run."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if not result.stdout:
        raise RuntimeError(f"{command[0]} printed nothing: {result.stderr[-2000:]}")
    return result.stdout


def trajectory_figures(build):
    command = [str(build / "tests/bench_trajectory")]
    figures = []
    for line in run(command).splitlines():
        match = re.match(r"(1e4 steps, full trace|1e7 steps, display envelope)\s+(\S+)\s+median\s+(\S+) ms\s+budget\s+(\S+) ms", line)
        if match:
            case, scheme, median, budget = match.groups()
            figures.append(Figure(f"one trajectory, {case}, {scheme}", float(median), "ms",
                                  float(budget), command="build/release/tests/bench_trajectory"))
    return figures


def sweep_figures(build):
    out = run([str(build / "tests/bench_sweep"), "--runs", "5"])
    figures = []
    for line in out.splitlines():
        match = re.match(r"\s+(avx512vl|avx2|baseline \(SSE2\))\s+median ([\d.]+) s .*: ([\d.e+]+) neuron-steps/s", line)
        if match:
            path, seconds, rate = match.groups()
            # The budget holds for the widest path this CPU has (listed first).
            budget = 3e9 if not figures else None
            figures.append(Figure(f"sweep 256×256, euler, 2 threads, {path} path", float(rate),
                                  "neuron-steps/s", budget, higher_is_better=True,
                                  command="build/release/tests/bench_sweep"))
    return figures


def ui_figures(build):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                       XDG_CONFIG_HOME=str(build / "benchmark-settings"))
    out = run([str(build / "app/izhikevich-explorer"), "--benchmark-ui"], env=environment)
    figures = []
    for line in out.splitlines():
        match = re.match(r"ui_latency steps=(\d+) p50_ms=([\d.]+) p95_ms=([\d.]+)", line)
        if match:
            steps, p50, p95 = int(match[1]), float(match[2]), float(match[3])
            budget = 16.0 if steps <= 10000 else 50.0
            label = "10⁴" if steps == 10000 else "10⁶"
            figures.append(Figure(f"slider move to new plot painted, {label}-step run, p95",
                                  p95, "ms", budget,
                                  command="build/release/app/izhikevich-explorer --benchmark-ui"))
            figures.append(Figure(f"slider move to new plot painted, {label}-step run, p50",
                                  p50, "ms"))
        match = re.match(r"ui_responsiveness moves=(\d+) longest_gap_ms=([\d.]+)", line)
        if match:
            figures.append(Figure(f"longest event-loop gap while the sliders move {match[1]} times",
                                  float(match[2]), "ms", 50.0,
                                  command="build/release/app/izhikevich-explorer --benchmark-ui"))
    return figures


def cancel_figures(build):
    figures = []
    for line in run([str(build / "tests/bench_cancel")]).splitlines():
        match = re.match(r"cancel (.+?)\s+median\s+([\d.]+) ms\s+budget\s+([\d.]+) ms", line)
        if match:
            figures.append(Figure(f"cancel to stop, {match[1]}", float(match[2]), "ms",
                                  float(match[3]), command="build/release/tests/bench_cancel"))
    return figures


def first_paint_figure(build, runs=5):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", IZH_TRACE_STARTUP="1",
                       XDG_CONFIG_HOME=str(build / "benchmark-settings"))
    times = []
    for _ in range(runs):
        process = subprocess.Popen([str(build / "app/izhikevich-explorer"), "--preset", "RS"],
                                   stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                   env=environment)
        for line in process.stderr:
            if line.startswith("first_paint_ms="):
                times.append(float(line.split("=")[1]))
                break
        process.kill()
        process.wait()
    return Figure("app start to first painted plot (offscreen)", statistics.median(times), "ms",
                  1000.0, command="IZH_TRACE_STARTUP=1 build/release/app/izhikevich-explorer")


def headless_start_figure(build, runs=60):
    command = [str(build / "app/izhikevich-explorer"), "--version"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return Figure("headless start and exit (--version, whole process)", statistics.median(times),
                  "ms", command="build/release/app/izhikevich-explorer --version")


def brian2_figures(build):
    out = run([PYTHON, str(TOP / "tests/reference/brian2_sweep.py"),
               str(build / "app/izhikevich-explorer"), "--repeat", "3", "--min-agreement", "0"])
    match = re.search(r"speed-up: ([\d.]+)x \(process\)", out)
    ratio = float(match[1]) if match else 0.0
    return [Figure("Brian2 C++ standalone (1 thread) against our whole process, same sweep",
                   ratio, "× faster", 4.0, higher_is_better=True,
                   command="tests/reference/brian2_sweep.py build/release/app/izhikevich-explorer")]


def write_table(figures, machine):
    doc = TOP / "docs/performance.md"
    text = doc.read_text(encoding="utf-8")
    begin, end = "<!-- generated: measured", "<!-- end: measured -->"
    at, stop = text.index(begin), text.index(end)
    body_start = text.index("\n", at) + 1
    table = [f"Measured on {machine}, {time.strftime('%Y-%m-%d')}.", "",
             "| what | measured | budget | | command |", "|---|---|---|---|---|"]
    table += [figure.row() for figure in figures]
    doc.write_text(text[:body_start] + "\n".join(table) + "\n" + text[stop:], encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--write", action="store_true", help="put the table into docs/performance.md")
    parser.add_argument("--no-brian2", action="store_true", help="skip the comparison with Brian2")
    options = parser.parse_args()
    build = options.build.resolve()

    figures = []
    for measure in (trajectory_figures, sweep_figures, cancel_figures, ui_figures):
        figures += measure(build)
    figures.append(first_paint_figure(build))
    figures.append(headless_start_figure(build))
    if not options.no_brian2:
        figures += brian2_figures(build)

    for figure in figures:
        print(f"{figure.what}: {number(figure.value)} {figure.unit}  (budget {figure.budget_text()}) "
              f"{figure.verdict()}")
    if options.write:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                    if line.startswith("model name")), platform.processor())
        write_table(figures, f"{os.cpu_count()} cores of {cpu}")
    failed = [figure for figure in figures if figure.failed()]
    for figure in failed:
        print(f"benchmark: {figure.what} is {number(figure.value)} {figure.unit}, "
              f"against a budget of {figure.budget_text()}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
