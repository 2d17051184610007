// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/simulation_request.h"

#include <string>
#include <string_view>
#include <vector>

namespace izh {

// Exports of a SimulationRequest to the simulators that run the model at
// scale. Pure text generators: no Qt, no files; the caller writes
// the text (atomically). Numbers are written with round-trip precision.

// The NESTML model's name, as in the NESTML Izhikevich tutorial.
inline constexpr std::string_view kNestmlModelName = "izhikevich_tutorial_neuron";
// The NEST extension module the PyNEST script generates and installs.
inline constexpr std::string_view kNestModuleName = "izhikevich_explorer_module";

// The protocol in words, one line per component, e.g. "step 14 for 15 < t".
std::vector<std::string> describeProtocol(const StimulusProtocol& protocol);

// The NESTML tutorial's model (state, equations, parameters, input, output,
// update, onReceive, onCondition) generalised to docs/model.md (p2, p1, p0, vb, e),
// with the request's parameter values and initial state, and its protocol and
// settings in the header comment. The protocol's baseline is the model's I_e.
std::string exportNestml(const SimulationRequest& request);

// A PyNEST script in the tutorial's workflow: writes the NESTML model above,
// generates and installs its NEST module, creates the neuron, builds the
// protocol from a dc_generator, a step_current_generator and a
// spike_generator, records v, u and spikes, simulates and plots.
std::string exportPynest(const SimulationRequest& request);

// A runnable Brian2 script with the same model, protocol (I on the dt grid,
// bit for bit as StimulusProtocol::currentAt), input spikes, scheme, dt and
// duration. It prints the spike times in the explorer's convention (end of the
// step), one per line, or as a JSON list with --json.
std::string exportBrian2(const SimulationRequest& request);

} // namespace izh
