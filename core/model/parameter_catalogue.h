// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>
#include <span>
#include <string>
#include <string_view>

namespace izh {

struct SimulationRequest;

// Where a parameter belongs, and the object that holds it in a parameter file.
enum class ParameterSection { Model, Stimulus, Simulation };
std::string_view sectionKey(ParameterSection section); // "model", "protocol", "simulation"

// The values a parameter accepts beyond being finite.
struct ValueRange {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool minExclusive = false;
    bool maxExclusive = false;
};

// One row of the parameter catalogue: everything the parameter-file reader
// and writer, the command line, the window, sweeps, the exports and
// docs/model.md need to know about a number the user can set. Adding a
// parameter is one row here, plus the model code that uses it.
struct ParameterInfo {
    std::string_view name;    // --set, sweeps, the window, messages, templates: "a", "I", "dt"
    ParameterSection section;
    std::string_view fileKey; // its key in the section's object; empty: not stored by itself
    std::string_view unit;    // "mV", "ms", or empty for a plain number
    std::string_view meaning; // in the paper's words: tooltips, --help, docs
    double sliderMin, sliderMax; // the window's slider (onSlider) or a sweep's first range
    int decimals;                // what the window shows
    double step;                 // the spin box's step
    bool onSlider;               // a slider in the window's main group; else under More
    const char* notSweepable;    // why a sweep cannot vary it, or null
    ValueRange range;
    double (*get)(const SimulationRequest& request);
    void (*set)(SimulationRequest& request, double value); // value is finite
    // A parameter that may be left unset, then derived from the others
    // (u0 = b·v0; null in a file): whether it is, and how to unset it.
    // Null for every other parameter.
    bool (*isDerived)(const SimulationRequest& request) = nullptr;
    void (*derive)(SimulationRequest& request) = nullptr;
};

// Every parameter, in the order the window, --help and the docs list them.
std::span<const ParameterInfo> parameterCatalogue();

// The row named `name`, or null.
const ParameterInfo* findParameter(std::string_view name);

// The row named `name`; throws InvalidInput ("unknown parameter (a, b, …)").
const ParameterInfo& parameter(std::string_view name);

// A parameter's value by name, and setting it (the value must be finite);
// both throw InvalidInput for an unknown name.
double getParameter(const SimulationRequest& request, std::string_view name);
void setParameter(SimulationRequest& request, std::string_view name, double value);

// "a, b, c, …" of every row (or of the sweepable ones), for messages and help.
std::string parameterNameList(bool sweepableOnly = false);

// The value of `info` in the run with no preset (docs, the window's reset).
double defaultValue(const ParameterInfo& info);

// Throws InvalidInput naming the parameter unless `value` is finite and in
// its range ("must be positive", "must be between 0 and 1 (exclusive)").
void requireInRange(const ParameterInfo& info, double value);

} // namespace izh
