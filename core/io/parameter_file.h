// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/invalid_input.h"
#include "core/model/simulation_request.h"

#include <string>
#include <string_view>
#include <vector>

namespace izh {

// Parameter sets on disk (docs/file-formats.md#parameter-files): JSON with a format and version field,
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

inline constexpr std::size_t kMaxParameterFileWarnings = 20;

struct ParameterFileContents {
    SimulationRequest request;
    // Unknown fields, a missing format tag: the first kMaxParameterFileWarnings,
    // then one that counts the rest.
    std::vector<Diagnostic> warnings;
};

// Reads `text` on top of `base`: fields present override, missing fields keep
// base's values; lists (steps, ramps, ...) replace base's lists whole. Unknown
// fields are ignored with a warning. Throws InvalidInput naming the field and
// its line and column for malformed JSON, wrong types and non-finite numbers;
// the result is validated.
ParameterFileContents parseParameterFile(std::string_view text, const SimulationRequest& base);

// The parameter file at `path` (as the user named it), read on top of `base`
// as parseParameterFile does. Errors and warnings name the file: a missing
// file, a folder, a device, one over the size limit, binary data, and every
// error parseParameterFile reports.
ParameterFileContents readParameterFile(const std::string& path, const SimulationRequest& base);

// The JSON text for `request`, pretty-printed, numbers round-trip exact.
std::string formatParameterFile(const SimulationRequest& request);

} // namespace izh
