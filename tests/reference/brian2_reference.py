#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference: the Izhikevich model simulated by Brian2 (forward Euler).

Reads from stdin a JSON list of parameter sets

    [{"id": "rs", "a": 0.02, "b": 0.2, "c": -65, "d": 8, "vpeak": 30,
      "v0": -65, "u0": -13, "I": 10, "dt": 0.1, "duration": 1000}, ...]

(I is a dc current, constant for the whole run; dt and duration in ms) and
writes {id: [spike times in ms]} as JSON on stdout.

Model, as Brian2 users write it (dimensionless v, u; time in ms):
    dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms
    du/dt = a*(b*v - u)/ms
    threshold v >= vpeak;  reset v = c; u += d;  method 'euler'
Brian2's 'euler' takes both derivatives from the state at the step's start,
i.e. the explorer's integrator `euler`.

Spike times: Brian2 integrates the step [t_k, t_k + dt] in its 'groups' slot,
then tests the threshold and stamps the spike with t_k. The explorer times a spike
at the end of its step, so we report t_k + dt, computed as k*dt + dt from the
step index k. The run has duration/dt steps (k = 0 .. N-1), so the last
possible spike time is N*dt = duration.

Uses the 'numpy' code-generation target so no compiler is needed. Brian2's
log messages and warnings go to stderr (and are cut to errors); stdout carries
only the JSON.
"""

import contextlib
import json
import sys
import warnings

REQUIRED = ("id", "a", "b", "c", "d", "vpeak", "v0", "u0", "I", "dt", "duration")


def simulate(p, b2):
    """Run one parameter set; return its spike times (the explorer's convention)."""
    b2.start_scope()
    dt = float(p["dt"])
    b2.defaultclock.dt = dt * b2.ms
    # The parameters are per-neuron variables, as in a sweep, so that Brian2
    # generates the same operations as for tests/reference/brian2_sweep.py and
    # folds none of them into loop invariants.
    eqs = """
    dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
    du/dt = a*(b*v - u)/ms : 1
    a : 1
    b : 1
    c : 1
    d : 1
    vpeak : 1
    I : 1
    """
    G = b2.NeuronGroup(1, eqs, threshold="v >= vpeak", reset="v = c; u += d",
                       method="euler")
    for name in ("a", "b", "c", "d", "vpeak", "I"):
        setattr(G, name, float(p[name]))
    G.v = float(p["v0"])
    G.u = float(p["u0"])
    mon = b2.SpikeMonitor(G)
    n_steps = int(round(float(p["duration"]) / dt))
    b2.run(n_steps * dt * b2.ms)
    # Brian2 must have taken exactly n_steps steps.
    done = int(b2.defaultclock.timestep[:])
    if done != n_steps:
        raise RuntimeError("%s: Brian2 ran %d steps, expected %d" % (p["id"], done, n_steps))
    # Spike stamp t_k (seconds) -> step index k -> end of the step, in ms.
    ks = [int(round(float(t) / (dt * 1e-3))) for t in mon.t_]
    return [k * dt + dt for k in ks]


def main():
    try:
        sets = json.load(sys.stdin)
        if not isinstance(sets, list):
            raise ValueError("top level must be a JSON list")
        for i, p in enumerate(sets):
            missing = [k for k in REQUIRED if k not in p]
            if missing:
                raise ValueError("set %d: missing %s" % (i, ", ".join(missing)))
    except ValueError as e:
        sys.stderr.write("error: input: %s\n" % e)
        return 2

    real_stdout = sys.stdout
    out = {}
    # Everything Brian2 (or its dependencies) might print goes to stderr.
    with contextlib.redirect_stdout(sys.stderr), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import brian2 as b2
        b2.prefs.codegen.target = "numpy"
        b2.BrianLogger.log_level_error()
        for p in sets:
            out[str(p["id"])] = simulate(p, b2)

    json.dump(out, real_stdout)
    real_stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
