// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/parameter_catalogue.h"

#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/model/simulation_request.h"

namespace izh {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr ValueRange kAny{};
constexpr ValueRange kPositive{0, kInf, true, false};
constexpr ValueRange kOpenUnit{0, 1, true, true};
constexpr const char* kSharedGrid =
    "cannot be swept: the cells of a sweep share one time grid (run one sweep per value instead)";

// A model field's accessors.
#define IZH_MODEL(field)                                                                       \
    [](const SimulationRequest& r) { return r.model.field; },                                 \
        [](SimulationRequest& r, double x) { r.model.field = x; }
#define IZH_SETTING(field)                                                                     \
    [](const SimulationRequest& r) { return r.settings.field; },                              \
        [](SimulationRequest& r, double x) { r.settings.field = x; }

const ParameterInfo kParameters[] = {
    {"a", ParameterSection::Model, "a", "",
     "Time scale of the recovery variable u. Smaller values mean slower recovery "
     "(Izhikevich 2003: a = 0.02 for regular spiking, 0.1 for fast spiking).",
     -0.1, 1.2, 4, 0.001, true, nullptr, kAny, IZH_MODEL(a)},
    {"b", ParameterSection::Model, "b", "",
     "Sensitivity of u to subthreshold fluctuations of v. Larger values couple u and v more "
     "strongly, giving subthreshold oscillations and low-threshold spiking (b = 0.2 typical, "
     "0.25 for LTS and TC).",
     -1.2, 1.2, 4, 0.005, true, nullptr, kAny, IZH_MODEL(b)},
    {"c", ParameterSection::Model, "c", "mV",
     "After-spike reset value of v, set by the fast high-threshold K+ conductances (c = -65 mV "
     "typical; -55 gives bursting, -50 chattering).",
     -80, -30, 2, 0.5, true, nullptr, kAny, IZH_MODEL(c)},
    {"d", ParameterSection::Model, "d", "",
     "After-spike increment of u, set by slow Na+ and K+ conductances (d = 8 for regular "
     "spiking, 2 for fast spiking and chattering).",
     -25, 25, 3, 0.1, true, nullptr, kAny, IZH_MODEL(d)},
    {"vpeak", ParameterSection::Model, "vpeak", "mV",
     "Spike cut-off: v is reset when it reaches vpeak (30 mV).", 0, 60, 2, 1, false, nullptr,
     kAny, IZH_MODEL(vpeak)},
    {"p2", ParameterSection::Model, "p2", "", "Quadratic coefficient of v² in dv/dt (0.04).", 0,
     0.1, 4, 0.001, false, nullptr, kAny, IZH_MODEL(p2)},
    {"p1", ParameterSection::Model, "p1", "",
     "Linear coefficient of v in dv/dt (5; 4.1 for class 1 and integrator).", 3, 7, 3, 0.1,
     false, nullptr, kAny, IZH_MODEL(p1)},
    {"p0", ParameterSection::Model, "p0", "",
     "Constant term of dv/dt (140; 108 for class 1 and integrator).", 100, 160, 2, 1, false,
     nullptr, kAny, IZH_MODEL(p0)},
    {"vb", ParameterSection::Model, "vb", "mV",
     "Offset of v in du/dt = a·(b·(v − vb) − e·u) (0; −65 for accommodation).", -80, 0, 2, 1,
     false, nullptr, kAny, IZH_MODEL(vb)},
    {"e", ParameterSection::Model, "e", "", "Self-decay of u in du/dt (1; 0 for accommodation).",
     0, 1, 3, 0.1, false, nullptr, kAny, IZH_MODEL(e)},
    {"v0", ParameterSection::Model, "v0", "mV", "Initial membrane potential.", -90, -40, 2, 1,
     false, nullptr, kAny, IZH_MODEL(v0)},
    {"u0", ParameterSection::Model, "u0", "",
     "Initial recovery variable (automatic: b·v0, as in the published scripts).", -30, 10, 3,
     0.5, false, nullptr, kAny, [](const SimulationRequest& r) { return r.model.initialU(); },
     [](SimulationRequest& r, double x) { r.model.u0 = x; },
     [](const SimulationRequest& r) { return !r.model.u0.has_value(); },
     [](SimulationRequest& r) { r.model.u0.reset(); }},
    {"I", ParameterSection::Stimulus, "", "",
     "Input current: the amplitude of the protocol's primary component (a step's amplitude, a "
     "ramp's slope, or the dc level). Numerically pA in the NESTML tutorial's model.",
     -30, 100, 3, 0.1, true, nullptr, kAny,
     [](const SimulationRequest& r) { return r.protocol.primaryAmplitude(); },
     [](SimulationRequest& r, double x) { r.protocol.setPrimaryAmplitude(x); }},
    {"duration", ParameterSection::Simulation, "duration", "ms", "Length of the run.", 100, 5000,
     1, 10, false, kSharedGrid, kPositive, IZH_SETTING(duration)},
    {"dt", ParameterSection::Simulation, "dt", "ms",
     "Step of the fixed-step schemes; sampling grid of rk45.", 0.01, 1, 4, 0.01, false,
     kSharedGrid, kPositive, IZH_SETTING(dt)},
    {"rtol", ParameterSection::Simulation, "rtol", "", "Relative error tolerance of rk45.", 1e-9,
     1e-3, 12, 1e-7, false, nullptr, kOpenUnit, IZH_SETTING(rtol)},
    {"atol", ParameterSection::Simulation, "atol", "", "Absolute error tolerance of rk45.", 1e-12,
     1e-6, 12, 1e-10, false, nullptr, kPositive, IZH_SETTING(atol)},
};

#undef IZH_MODEL
#undef IZH_SETTING

std::string bound(double value) { return formatNumber(value); }

} // namespace

std::string_view sectionKey(ParameterSection section) {
    switch (section) {
    case ParameterSection::Model: return "model";
    case ParameterSection::Stimulus: return "protocol";
    case ParameterSection::Simulation: return "simulation";
    }
    return "";
}

std::span<const ParameterInfo> parameterCatalogue() { return kParameters; }

const ParameterInfo* findParameter(std::string_view name) {
    for (const auto& info : kParameters)
        if (info.name == name)
            return &info;
    return nullptr;
}

const ParameterInfo& parameter(std::string_view name) {
    if (const auto* info = findParameter(name))
        return *info;
    throw InvalidInput(std::string(name), "unknown parameter (" + parameterNameList() + ")");
}

double getParameter(const SimulationRequest& request, std::string_view name) {
    return parameter(name).get(request);
}

void setParameter(SimulationRequest& request, std::string_view name, double value) {
    const ParameterInfo& info = parameter(name);
    requireFinite(info.name, value);
    info.set(request, value);
}

std::string parameterNameList(bool sweepableOnly) {
    std::string list;
    for (const auto& info : kParameters) {
        if (sweepableOnly && info.notSweepable)
            continue;
        if (!list.empty())
            list += ", ";
        list += info.name;
    }
    return list;
}

double defaultValue(const ParameterInfo& info) { return info.get(defaultRequest()); }

void requireInRange(const ParameterInfo& info, double value) {
    requireFinite(info.name, value);
    const ValueRange& r = info.range;
    const bool aboveMin = r.minExclusive ? value > r.min : value >= r.min;
    const bool belowMax = r.maxExclusive ? value < r.max : value <= r.max;
    if (aboveMin && belowMax) [[likely]]
        return;
    std::string reason;
    if (r.max == kInf)
        reason = r.min == 0 ? (r.minExclusive ? "must be positive" : "must not be negative")
                            : (r.minExclusive ? "must be above " : "must be at least ") + bound(r.min);
    else if (r.min == -kInf)
        reason = (r.maxExclusive ? "must be below " : "must be at most ") + bound(r.max);
    else
        reason = "must be between " + bound(r.min) + " and " + bound(r.max) +
                 (r.minExclusive && r.maxExclusive ? " (exclusive)" : "");
    throw InvalidInput(std::string(info.name), reason);
}

} // namespace izh
