// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/simulation_request.h"

#include <string>
#include <string_view>
#include <vector>

namespace izh {

enum class PresetGroup { Figure2003, Features2004, Tutorial };

// A named, published simulation: parameters, initial state, protocol,
// duration, integrator and dt, with where it comes from (docs/presets.md).
struct Preset {
    std::string id; // stable: used by the CLI and files
    std::string title;
    std::string description; // one line
    std::string source;      // paper, figure, panel
    PresetGroup group;
    SimulationRequest request;
};

// All presets in display order: 2003 Fig. 2 (8), 2004 Fig. 1 (20), the tutorial's run.
const std::vector<Preset>& presets();

// nullptr when no preset has this id.
const Preset* findPreset(std::string_view id);

std::string_view presetGroupTitle(PresetGroup group);

} // namespace izh
