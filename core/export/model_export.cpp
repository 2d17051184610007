// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/model_export.h"

#include "core/base/number_format.h"

#include <cmath>
#include <sstream>

namespace izh {

namespace {

std::string num(double value) { return formatNumber(value); }

// A Python float literal that reads back to the same double.
std::string py(double value) {
    if (std::isnan(value))
        return "math.nan";
    if (std::isinf(value))
        return value > 0 ? "math.inf" : "-math.inf";
    std::string text = formatNumber(value);
    if (text.find_first_of(".eE") == std::string::npos)
        text += ".0";
    return text;
}

std::string pyBool(bool value) { return value ? "True" : "False"; }

// "15 < t < 20", "50 <= t <= 250", "15 < t".
std::string window(double tOn, double tOff, bool includeOn, bool includeOff) {
    std::string text = num(tOn) + (includeOn ? " <= t" : " < t");
    if (std::isfinite(tOff))
        text += (includeOff ? " <= " : " < ") + num(tOff);
    return text;
}

std::string integratorLine(const SimulationSettings& s) {
    std::string line = "duration " + num(s.duration) + " ms, dt " + num(s.dt) +
                       " ms, integrator " + std::string(integratorId(s.integrator));
    if (s.integrator == IntegratorKind::RK45)
        line += " (rtol " + num(s.rtol) + ", atol " + num(s.atol) + ")";
    return line;
}

// The request's numbers as Python constants, shared by both scripts.
std::string pythonConstants(const SimulationRequest& r) {
    const auto& m = r.model;
    const auto& p = r.protocol;
    std::ostringstream out;
    out << "# Model parameters: v' = P2*v^2 + P1*v + P0 - u + I, u' = A*(B*(v - VB) - E_U*u),\n"
        << "# reset v <- C, u <- u + D at v >= VPEAK (Izhikevich 2003; E_U is the explorer's e).\n"
        << "A = " << py(m.a) << "\n"
        << "B = " << py(m.b) << "\n"
        << "C = " << py(m.c) << "  # mV\n"
        << "D = " << py(m.d) << "\n"
        << "VPEAK = " << py(m.vpeak) << "  # mV\n"
        << "P2 = " << py(m.p2) << "\n"
        << "P1 = " << py(m.p1) << "\n"
        << "P0 = " << py(m.p0) << "\n"
        << "VB = " << py(m.vb) << "\n"
        << "E_U = " << py(m.e) << "\n"
        << "V0 = " << py(m.v0) << "  # mV\n"
        << "U0 = " << py(m.initialU()) << "\n\n"
        << "# Simulation settings.\n"
        << "DT_MS = " << py(r.settings.dt) << "\n"
        << "DURATION_MS = " << py(r.settings.duration) << "\n"
        << "N_STEPS = " << r.settings.stepCount() << "  # round(duration / dt)\n\n"
        << "# Stimulus protocol: I(t) = baseline + steps + pulse trains\n"
        << "# + ramps, summed in this order; input spikes make v jump by their weight.\n"
        << "BASELINE = " << py(p.baseline) << "\n"
        << "# (amplitude, t_on, t_off, include_on, include_off): active for t_on < t < t_off,\n"
        << "# with <= where an include flag is set.\n"
        << "STEPS = [\n";
    for (const auto& s : p.steps)
        out << "    (" << py(s.amplitude) << ", " << py(s.tOn) << ", " << py(s.tOff) << ", "
            << pyBool(s.includeOn) << ", " << pyBool(s.includeOff) << "),\n";
    out << "]\n"
        << "# (amplitude, t_on, width, period, count): pulse k is active for\n"
        << "# t_on + k*period < t < t_on + k*period + width.\n"
        << "PULSE_TRAINS = [\n";
    for (const auto& t : p.trains)
        out << "    (" << py(t.amplitude) << ", " << py(t.tOn) << ", " << py(t.width) << ", "
            << py(t.period) << ", " << t.count << "),\n";
    out << "]\n"
        << "# (slope, t_on, t_off, include_on, include_off): slope*(t - t_on) while active.\n"
        << "RAMPS = [\n";
    for (const auto& ramp : p.ramps)
        out << "    (" << py(ramp.slope) << ", " << py(ramp.tOn) << ", " << py(ramp.tOff) << ", "
            << pyBool(ramp.includeOn) << ", " << pyBool(ramp.includeOff) << "),\n";
    out << "]\n"
        << "# (time ms, weight mV)\n"
        << "INPUT_SPIKES = [\n";
    for (const auto& s : p.inputSpikes)
        out << "    (" << py(s.time) << ", " << py(s.weight) << "),\n";
    out << "]\n";
    return out.str();
}

// Python that evaluates the protocol on the step grid exactly as the explorer
// does (same comparisons, same summation order, IEEE doubles throughout).
constexpr const char* kPythonProtocol = R"PY(

def _active(t, t_on, t_off, include_on, include_off):
    after = (t >= t_on) if include_on else (t > t_on)
    before = (t <= t_off) if include_off else (t < t_off)
    return after & before


def current_on_grid():
    """t_k = k*dt and I(t_k) for k = 0 .. N_STEPS - 1, as the explorer computes them.

    I is evaluated once per step at the step's start, as in Izhikevich's published
    scripts; the sum is
    formed in the explorer's order, so the values agree to the last bit.
    """
    t = np.arange(N_STEPS, dtype=np.float64) * DT_MS
    current = np.full(N_STEPS, BASELINE, dtype=np.float64)
    for amplitude, t_on, t_off, include_on, include_off in STEPS:
        current = np.where(_active(t, t_on, t_off, include_on, include_off),
                           current + amplitude, current)
    for amplitude, t_on, width, period, count in PULSE_TRAINS:
        for k in range(count):
            on = t_on + k * period
            current = np.where((t > on) & (t < on + width), current + amplitude, current)
    for slope, t_on, t_off, include_on, include_off in RAMPS:
        current = np.where(_active(t, t_on, t_off, include_on, include_off),
                           current + slope * (t - t_on), current)
    return t, current


def input_spike_steps():
    """{k: summed weight}: a spike at time s acts just before the first step k
    with k*dt >= s (spikes at or after the end of the run are dropped)."""
    weights = {}
    for time, weight in INPUT_SPIKES:
        k = max(0, int(math.floor(time / DT_MS)))
        while k > 0 and (k - 1) * DT_MS >= time:
            k -= 1
        while k < N_STEPS and not (k * DT_MS >= time):
            k += 1
        if k < N_STEPS:
            weights[k] = weights.get(k, 0.0) + weight
    return dict(sorted(weights.items()))
)PY";

std::string commentBlock(const std::vector<std::string>& lines, const std::string& prefix) {
    std::string text;
    for (const auto& line : lines)
        text += prefix + line + "\n";
    return text;
}

std::vector<std::string> protocolComment(const SimulationRequest& r) {
    std::vector<std::string> lines = {"Protocol of the explored run (input current I in pA, "
                                      "the paper's units):"};
    for (const auto& line : describeProtocol(r.protocol))
        lines.push_back("  " + line);
    lines.push_back("Simulation: " + integratorLine(r.settings));
    return lines;
}

} // namespace

std::vector<std::string> describeProtocol(const StimulusProtocol& p) {
    std::vector<std::string> lines;
    lines.push_back("baseline (dc) " + num(p.baseline));
    for (const auto& s : p.steps)
        lines.push_back("step " + num(s.amplitude) + " for " +
                        window(s.tOn, s.tOff, s.includeOn, s.includeOff));
    for (const auto& t : p.trains)
        lines.push_back("pulse train: " + std::to_string(t.count) + " pulses of " +
                        num(t.amplitude) + ", width " + num(t.width) + " ms, period " +
                        num(t.period) + " ms, first at t > " + num(t.tOn));
    for (const auto& ramp : p.ramps)
        lines.push_back("ramp " + num(ramp.slope) + "*(t - " + num(ramp.tOn) + ") for " +
                        window(ramp.tOn, ramp.tOff, ramp.includeOn, ramp.includeOff));
    for (const auto& s : p.inputSpikes)
        lines.push_back("input spike at t = " + num(s.time) + " ms, v jumps by " + num(s.weight) +
                        " mV");
    return lines;
}

std::string exportNestml(const SimulationRequest& r) {
    const auto& m = r.model;
    std::ostringstream out;
    out << "# " << kNestmlModelName << ": exported by Izhikevich Explorer\n"
        << "#\n"
        << "# The Izhikevich (2003) neuron in the structure of the NESTML Izhikevich\n"
        << "# tutorial, with the explorer's general coefficients:\n"
        << "#   dv/dt = p2*v^2 + p1*v + p0 - u + I(t)\n"
        << "#   du/dt = a*(b*(v - vb) - e_u*u)\n"
        << "#   if v >= V_th: spike; v <- c; u <- u + d\n"
        << "# The tutorial's model is the case p2 = 0.04, p1 = 5, p0 = 140, vb = 0,\n"
        << "# e_u = 1. Currents are in pA; times 1 GOhm they are the paper's units (mV).\n"
        << "# e_u is the explorer's e (renamed: e is Euler's number in NESTML).\n"
        << "# I_e holds the protocol's baseline; the rest of the protocol arrives through\n"
        << "# I_stim (the PyNEST export drives it with NEST's current generators).\n"
        << "#\n"
        << commentBlock(protocolComment(r), "# ") << "\n"
        << "model " << kNestmlModelName << ":\n"
        << "    state:\n"
        << "        v mV = " << num(m.v0) << " mV    # Membrane potential\n"
        << "        u real = " << num(m.initialU()) << "    # Membrane potential recovery variable\n"
        << "\n"
        << "    equations:\n"
        << "        v' = (p2 * v * v / mV + p1 * v + p0 * mV - u * mV + (I_e + I_stim) * GOhm) / ms\n"
        << "        u' = a * (b * (v / mV - vb) - e_u * u) / ms\n"
        << "\n"
        << "    parameters:\n"
        << "        a real = " << num(m.a) << "    # time scale of the recovery variable\n"
        << "        b real = " << num(m.b) << "    # sensitivity of u to subthreshold v\n"
        << "        c mV = " << num(m.c) << " mV    # after-spike reset value of v\n"
        << "        d real = " << num(m.d) << "    # after-spike increment of u\n"
        << "        V_th mV = " << num(m.vpeak) << " mV    # spike cut-off (vpeak)\n"
        << "        p2 real = " << num(m.p2) << "    # quadratic coefficient (1/mV units folded)\n"
        << "        p1 real = " << num(m.p1) << "    # linear coefficient\n"
        << "        p0 real = " << num(m.p0) << "    # constant term (mV)\n"
        << "        vb real = " << num(m.vb) << "    # offset of v in the u-equation (mV)\n"
        << "        e_u real = " << num(m.e) << "    # self-decay of u (the explorer's e)\n"
        << "        I_e pA = " << num(r.protocol.baseline)
        << " pA    # constant external input current (protocol baseline)\n"
        << "\n"
        << "    input:\n"
        << "        spikes <- spike\n"
        << "        I_stim pA <- continuous\n"
        << "\n"
        << "    output:\n"
        << "        spike\n"
        << "\n"
        << "    update:\n"
        << "        integrate_odes()\n"
        << "\n"
        << "    onReceive(spikes):\n"
        << "        # an input spike of weight w mV makes v jump by w mV\n"
        << "        v += spikes * mV * s\n"
        << "\n"
        << "    onCondition(v >= V_th):\n"
        << "        # threshold crossing\n"
        << "        v = c\n"
        << "        u += d\n"
        << "        emit_spike()\n";
    return out.str();
}

std::string exportPynest(const SimulationRequest& r) {
    std::ostringstream out;
    out << "#!/usr/bin/env python3\n"
        << "\"\"\"PyNEST script exported by Izhikevich Explorer.\n\n"
        << "The workflow of the NESTML Izhikevich tutorial: write the NESTML model,\n"
        << "generate and install its NEST extension module, create the neuron, set its\n"
        << "parameters, drive it with NEST's current generators and a spike generator,\n"
        << "record v, u and the spikes, simulate and plot.\n\n"
        << "Needs NEST 3 (PyNEST), NESTML (pynestml) and matplotlib. Usage:\n"
        << "    python3 THIS_SCRIPT [--png FILE]\n\n"
        << commentBlock(protocolComment(r), "")
        << "\nNEST integrates the NESTML model with the solver NESTML chooses (GSL's\n"
        << "adaptive RK45 for this nonlinear model), not the explorer's fixed-step\n"
        << "scheme; expect spike times close to the explorer's rk45 run.\n"
        << "\"\"\"\n\n"
        << "import argparse\n"
        << "import math\n"
        << "import os\n"
        << "import tempfile\n\n"
        << "import matplotlib\n"
        << "import matplotlib.pyplot as plt\n"
        << "import nest\n"
        << "import numpy as np\n"
        << "from pynestml.frontend.pynestml_frontend import generate_nest_target\n\n"
        << "MODEL_NAME = \"" << kNestmlModelName << "\"\n"
        << "MODULE_NAME = \"" << kNestModuleName << "\"\n\n"
        << "# The NESTML model, as exported by Izhikevich Explorer (--export-nestml).\n"
        << "NESTML_MODEL = r'''" << exportNestml(r) << "'''\n\n"
        << pythonConstants(r) << kPythonProtocol
        << R"PY(

def build_and_install_module():
    """Generate the NEST module from the NESTML model and load it (tutorial step 1)."""
    workdir = tempfile.mkdtemp(prefix="izhikevich_explorer_nestml_")
    input_path = os.path.join(workdir, MODEL_NAME + ".nestml")
    with open(input_path, "w") as f:
        f.write(NESTML_MODEL)
    generate_nest_target(input_path=input_path,
                         target_path=os.path.join(workdir, "target"),
                         module_name=MODULE_NAME,
                         logging_level="ERROR")
    nest.Install(MODULE_NAME)


def on_nest_grid(times_ms):
    """NEST delivers a generator's output to the neuron after the connection's
    delay (one step here): to act at step k it must be sent at t_k - dt. Times
    before the first sendable time (dt) are moved to it."""
    return np.maximum(np.asarray(times_ms, dtype=np.float64) - DT_MS, DT_MS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", help="save the plot to this file instead of showing it")
    args = parser.parse_args()
    if args.png:
        matplotlib.use("Agg")

    nest.ResetKernel()
    nest.set_verbosity("M_WARNING")
    nest.resolution = DT_MS
    build_and_install_module()

    neuron = nest.Create(MODEL_NAME)
    neuron.set({"a": A, "b": B, "c": C, "d": D, "V_th": VPEAK,
                "p2": P2, "p1": P1, "p0": P0, "vb": VB, "e_u": E_U,
                "I_e": 0.0,  # the baseline comes from the dc_generator below
                "v": V0, "u": U0})

    # The protocol: the baseline from a dc_generator (as in the tutorial), the
    # steps, pulses and ramps from a step_current_generator holding I(t_k) -
    # baseline on the dt grid (ramps discretised per step), input spikes from a
    # spike_generator whose weights are the v jumps in mV.
    delay = {"delay": DT_MS}
    if BASELINE != 0.0:
        dc = nest.Create("dc_generator", params={"amplitude": BASELINE})
        nest.Connect(dc, neuron, syn_spec=delay)
    t, current = current_on_grid()
    varying = current - BASELINE
    change = np.flatnonzero(np.diff(np.concatenate(([0.0], varying))) != 0.0)
    if change.size:
        times = on_nest_grid(t[change])
        values = varying[change]
        # Two changes moved to the same time: the later value wins.
        keep = np.append(times[1:] != times[:-1], True)
        steps = nest.Create("step_current_generator",
                            params={"amplitude_times": times[keep].tolist(),
                                    "amplitude_values": values[keep].tolist()})
        nest.Connect(steps, neuron, syn_spec=delay)
    arrivals = input_spike_steps()
    if arrivals:
        ks = np.array(list(arrivals.keys()), dtype=np.float64)
        times = on_nest_grid(ks * DT_MS)
        generator = nest.Create("spike_generator",
                                params={"spike_times": times.tolist(),
                                        "spike_weights": list(arrivals.values())})
        nest.Connect(generator, neuron, syn_spec={"delay": DT_MS, "weight": 1.0})

    multimeter = nest.Create("multimeter", params={"record_from": ["v", "u"],
                                                   "interval": DT_MS})
    nest.Connect(multimeter, neuron)
    spike_recorder = nest.Create("spike_recorder")
    nest.Connect(neuron, spike_recorder)

    nest.Simulate(DURATION_MS)

    events = multimeter.get("events")
    spike_times = spike_recorder.get("events")["times"]
    for time in spike_times:
        print(time)

    fig, (ax_v, ax_u) = plt.subplots(2, 1, sharex=True, figsize=(10, 6))
    ax_v.plot(events["times"], events["v"], lw=1)
    ax_v.plot(spike_times, np.full(len(spike_times), VPEAK), "r.", ms=4)
    ax_v.set_ylabel("v (mV)")
    ax_u.plot(events["times"], events["u"], lw=1)
    ax_u.set_ylabel("u")
    ax_u.set_xlabel("t (ms)")
    fig.suptitle(MODEL_NAME + " in NEST")
    if args.png:
        fig.savefig(args.png, dpi=150)
    else:
        plt.show()


if __name__ == "__main__":
    main()
)PY";
    return out.str();
}

std::string exportBrian2(const SimulationRequest& r) {
    const auto kind = r.settings.integrator;
    std::string schemeNote;
    switch (kind) {
    case IntegratorKind::Euler:
        schemeNote = "euler: Brian2's 'euler' is the same scheme (both derivatives at the\n"
                     "step's start); spike times agree with the explorer's up to rounding.";
        break;
    case IntegratorKind::SemiImplicit:
        schemeNote = "semi-implicit: v by Brian2's 'euler', then u by the explorer's update with\n"
                     "the new v (a run_regularly operation right after the state update), as\n"
                     "the published MATLAB scripts do.";
        break;
    case IntegratorKind::HalfStep:
        schemeNote = "half-step: v by two Euler half-steps with u and I held (a custom Brian2\n"
                     "state updater), then u by the explorer's update with the new v.";
        break;
    case IntegratorKind::RK4:
        schemeNote = "rk4: Brian2's 'rk4', classic fixed-step Runge-Kutta with I held over the\n"
                     "step (a TimedArray on the dt grid), as in the explorer.";
        break;
    case IntegratorKind::RK45:
        schemeNote = "rk45: Brian2 has no adaptive Dormand-Prince solver in its numpy target;\n"
                     "this script uses the closest fixed-step scheme, 'rk4', at dt, with I held\n"
                     "over each step. Spike times are then on the dt grid, where the explorer's\n"
                     "rk45 locates them to 1e-9 ms: expect agreement to about dt, not exactly.";
        break;
    }
    const bool splitU = kind == IntegratorKind::SemiImplicit || kind == IntegratorKind::HalfStep;
    std::string method = "'euler'";
    if (kind == IntegratorKind::RK4 || kind == IntegratorKind::RK45)
        method = "'rk4'";
    else if (kind == IntegratorKind::HalfStep)
        method = "HALF_STEP";

    std::ostringstream out;
    out << "#!/usr/bin/env python3\n"
        << "\"\"\"Brian2 script exported by Izhikevich Explorer.\n\n"
        << "The generalised Izhikevich (2003) model, dimensionless v (mV) and u, time in ms:\n"
        << "    dv/dt = p2*v^2 + p1*v + p0 - u + I(t)\n"
        << "    du/dt = a*(b*(v - vb) - e*u)\n"
        << "    if v >= vpeak: spike; v <- c; u <- u + d\n\n"
        << commentBlock(protocolComment(r), "")
        << "\nScheme: " << schemeNote << "\n\n"
        << "I(t) is a TimedArray holding I(t_k) on the dt grid, read at the step's start\n"
        << "and held over the step, as in Izhikevich's published scripts; input spikes\n"
        << "act just before the first step at or after their time (a SpikeGeneratorGroup\n"
        << "whose synapses act on v before the state update).\n\n"
        << "Prints the spike times in ms, one per line, or as a JSON list with --json.\n"
        << "Brian2 stamps a spike with its step's start t_k; the explorer times it at\n"
        << "the step's end, so t_k + dt is printed. Uses the 'numpy' code-generation\n"
        << "target, so no compiler is needed.\n"
        << "\"\"\"\n\n"
        << "import argparse\n"
        << "import contextlib\n"
        << "import json\n"
        << "import math\n"
        << "import sys\n"
        << "import warnings\n\n"
        << "import numpy as np\n\n"
        << pythonConstants(r) << kPythonProtocol << "\n\n"
        << "def simulate():\n"
        << "    \"\"\"Run the model; return the spike times in ms (end of each step).\"\"\"\n"
        << "    import brian2 as b2\n"
        << "    b2.prefs.codegen.target = \"numpy\"\n"
        << "    b2.BrianLogger.log_level_error()\n"
        << "    b2.start_scope()\n"
        << "    b2.defaultclock.dt = DT_MS * b2.ms\n"
        << "    t, current = current_on_grid()\n"
        << "    I_grid = b2.TimedArray(current, dt=DT_MS * b2.ms)\n"
        << "    namespace = {\"a\": A, \"b\": B, \"c\": C, \"d\": D, \"vpeak\": VPEAK,\n"
        << "                 \"p2\": P2, \"p1\": P1, \"p0\": P0, \"vb\": VB, \"e_u\": E_U,\n"
        << "                 \"I_grid\": I_grid}\n";
    if (kind == IntegratorKind::HalfStep)
        out << "    # Two half-steps of v with u and I held at the step's start.\n"
            << "    HALF_STEP = b2.ExplicitStateUpdater(\n"
            << "        \"x_half = x + 0.5*dt*f(x, t)\\n"
            << "x_new = x_half + 0.5*dt*f(x_half, t)\")\n";
    out << "    eqs = \"\"\"\n"
        << "    dv/dt = (p2*v**2 + p1*v + p0 - u + I)/ms : 1\n"
        << "    I : 1  # I(t_k), held over the step (set before each state update)\n";
    if (splitU)
        out << "    u : 1  # advanced after v, by the run_regularly operation below\n";
    else
        out << "    du/dt = a*(b*(v - vb) - e_u*u)/ms : 1\n";
    out << "    \"\"\"\n"
        << "    G = b2.NeuronGroup(1, eqs, threshold=\"v >= vpeak\", reset=\"v = c; u += d\",\n"
        << "                       method=" << method << ", namespace=namespace)\n";
    if (splitU)
        out << "    # u with the new v, after the state update and before the threshold test.\n"
            << "    G.run_regularly(\"u = u + (dt/ms)*a*(b*(v - vb) - e_u*u)\", when=\"after_groups\")\n";
    out << R"PY(    # I held at I(t_k) over the whole step, also at the intermediate stages of
    # multi-stage schemes (a TimedArray read at t + dt/2 would see the next step).
    G.run_regularly("I = I_grid(t)", when="before_groups")
    G.v = V0
    G.u = U0
    objects = [G]
    arrivals = input_spike_steps()
    if 0 in arrivals:  # acts before the first step: part of the initial state
        G.v = V0 + arrivals.pop(0)
    if arrivals:
        # One source per arrival step, firing at t_(k-1): the spike is in the
        # source's spike space during step k-1's threshold slot, and the
        # pathway, moved to 'before_groups', delivers it at the start of step k,
        # before the state update, as the explorer does.
        ks = list(arrivals.keys())
        source = b2.SpikeGeneratorGroup(len(ks), np.arange(len(ks)),
                                        (np.array(ks, dtype=np.float64) - 1) * DT_MS * b2.ms)
        synapses = b2.Synapses(source, G, "w : 1", on_pre="v_post = v_post + w",
                               namespace=namespace)
        synapses.connect(i=np.arange(len(ks)), j=0)
        synapses.w = list(arrivals.values())
        synapses.pre.when = "before_groups"
        objects += [source, synapses]
    monitor = b2.SpikeMonitor(G)
    net = b2.Network(*objects, monitor)
    net.run(N_STEPS * DT_MS * b2.ms, namespace=namespace)
    done = int(b2.defaultclock.timestep[:])
    if done != N_STEPS:
        raise RuntimeError("Brian2 ran %d steps, expected %d" % (done, N_STEPS))
    # Spike stamp t_k (seconds) -> step index k -> end of the step t_k + dt, in ms.
    ks = [int(round(float(stamp) / (DT_MS * 1e-3))) for stamp in monitor.t_]
    return [k * DT_MS + DT_MS for k in ks]


def main():
    parser = argparse.ArgumentParser(description="Run the exported model in Brian2.")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    args = parser.parse_args()
    real_stdout = sys.stdout
    # Whatever Brian2 or its dependencies print goes to stderr.
    with contextlib.redirect_stdout(sys.stderr), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spikes = simulate()
    if args.json:
        json.dump(spikes, real_stdout)
        real_stdout.write("\n")
    else:
        for time in spikes:
            real_stdout.write(repr(time) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
)PY";
    return out.str();
}

} // namespace izh
