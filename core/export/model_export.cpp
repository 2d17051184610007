// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/model_export.h"

#include "core/base/number_format.h"
#include "core/export/text_template.h"
#include "core/model/parameter_catalogue.h"

#include <cmath>

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

namespace {

// Lines of a Python list, one tuple each: "    (1.0, 2.0),\n".
template <class Items, class Tuple>
std::string pythonRows(const Items& items, Tuple tuple) {
    std::string rows;
    for (const auto& item : items)
        rows += "    (" + tuple(item) + "),\n";
    return rows;
}

// Every value the templates name: each catalogue parameter as a number
// ({{a}}) and as a Python float ({{py.a}}), and the protocol and settings.
TemplateValues valuesOf(const SimulationRequest& r) {
    TemplateValues values;
    auto& text = values.text;
    for (const auto& info : parameterCatalogue()) {
        const std::string name(info.name);
        text[name] = num(info.get(r));
        text["py." + name] = py(info.get(r));
    }
    const auto& p = r.protocol;
    text["baseline"] = num(p.baseline);
    text["py.baseline"] = py(p.baseline);
    text["n_steps"] = std::to_string(r.settings.stepCount());
    text["steps"] = pythonRows(p.steps, [](const CurrentStep& s) {
        return py(s.amplitude) + ", " + py(s.tOn) + ", " + py(s.tOff) + ", " +
               pyBool(s.includeOn) + ", " + pyBool(s.includeOff);
    });
    text["pulse_trains"] = pythonRows(p.trains, [](const PulseTrain& t) {
        return py(t.amplitude) + ", " + py(t.tOn) + ", " + py(t.width) + ", " + py(t.period) +
               ", " + std::to_string(t.count);
    });
    text["ramps"] = pythonRows(p.ramps, [](const CurrentRamp& ramp) {
        return py(ramp.slope) + ", " + py(ramp.tOn) + ", " + py(ramp.tOff) + ", " +
               pyBool(ramp.includeOn) + ", " + pyBool(ramp.includeOff);
    });
    text["input_spikes"] = pythonRows(p.inputSpikes, [](const InputSpike& s) {
        return py(s.time) + ", " + py(s.weight);
    });
    text["model_name"] = std::string(kNestmlModelName);
    text["module_name"] = std::string(kNestModuleName);
    text["protocol_comment"] = commentBlock(protocolComment(r), "");
    text["protocol_comment_hash"] = commentBlock(protocolComment(r), "# ");
    return values;
}

// How the Brian2 script runs the request's scheme: a note for its docstring,
// the state updater, and whether u is advanced after v (split_u) or by two
// v half-steps (half_step).
void addBrian2Scheme(IntegratorKind kind, TemplateValues& values) {
    auto& note = values.text["scheme_note"];
    auto& method = values.text["method"];
    method = "'euler'";
    switch (kind) {
    case IntegratorKind::Euler:
        note = "euler: Brian2's 'euler' is the same scheme (both derivatives at the\n"
               "step's start); spike times agree with the explorer's up to rounding.";
        break;
    case IntegratorKind::SemiImplicit:
        note = "semi-implicit: v by Brian2's 'euler', then u by the explorer's update with\n"
               "the new v (a run_regularly operation right after the state update), as\n"
               "the published MATLAB scripts do.";
        values.flags.insert("split_u");
        break;
    case IntegratorKind::HalfStep:
        note = "half-step: v by two Euler half-steps with u and I held (a custom Brian2\n"
               "state updater), then u by the explorer's update with the new v.";
        method = "HALF_STEP";
        values.flags.insert("split_u");
        values.flags.insert("half_step");
        break;
    case IntegratorKind::RK4:
        note = "rk4: Brian2's 'rk4', classic fixed-step Runge-Kutta with I held over the\n"
               "step (a TimedArray on the dt grid), as in the explorer.";
        method = "'rk4'";
        break;
    case IntegratorKind::RK45:
        note = "rk45: Brian2 has no adaptive Dormand-Prince solver in its numpy target;\n"
               "this script uses the closest fixed-step scheme, 'rk4', at dt, with I held\n"
               "over each step. Spike times are then on the dt grid, where the explorer's\n"
               "rk45 locates them to 1e-10 ms: expect agreement to about dt, not exactly.";
        method = "'rk4'";
        break;
    }
}

} // namespace

std::string exportNestml(const SimulationRequest& r) {
    return fillTemplate("model.nestml", valuesOf(r));
}

std::string exportPynest(const SimulationRequest& r) {
    return fillTemplate("pynest.py", valuesOf(r));
}

std::string exportBrian2(const SimulationRequest& r) {
    TemplateValues values = valuesOf(r);
    addBrian2Scheme(r.settings.integrator, values);
    return fillTemplate("brian2.py", values);
}

} // namespace izh
