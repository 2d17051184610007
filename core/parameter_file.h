#pragma once

#include "simulation_request.h"

#include <string>
#include <string_view>
#include <vector>

namespace izh {

// Parameter sets on disk (SPEC §7): JSON with a format and version field,
// holding model, protocol and simulation settings.
//
//   {"format": "izhikevich-explorer-parameters", "version": 1,
//    "model": {"a": 0.02, ..., "u0": null},
//    "protocol": {"baseline": 0, "baseline_is_primary": false, "steps": [...],
//                 "ramps": [...], "pulse_trains": [...], "input_spikes": [...]},
//    "simulation": {"duration": 1000, "dt": 0.1, "integrator": "rk45", ...}}
inline constexpr std::string_view kParameterFileFormat = "izhikevich-explorer-parameters";
inline constexpr int kParameterFileVersion = 1;
inline constexpr std::size_t kMaxParameterFileBytes = 4 << 20;

struct ParameterFileContents {
    SimulationRequest request;
    std::vector<std::string> warnings; // unknown fields, missing format tag
};

// Reads `text` on top of `base`: fields present override, missing fields keep
// base's values; lists (steps, ramps, ...) replace base's lists whole. Unknown
// fields are ignored with a warning. Throws InvalidInput naming the field for
// malformed JSON, wrong types and non-finite numbers; the result is validated.
ParameterFileContents parseParameterFile(std::string_view text, const SimulationRequest& base);

// The JSON text for `request`, pretty-printed, numbers round-trip exact.
std::string formatParameterFile(const SimulationRequest& request);

} // namespace izh
