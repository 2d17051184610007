// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the command line's value parsing — izh::parseNumber and
// SimulationRequest::set / validate, as --set NAME=VALUE, --dt, --duration,
// --rtol and --atol use them. Input: lines "NAME=VALUE", applied in order to
// the default request (or a preset's, if the first line is "preset=ID").
// Anything may be refused with InvalidInput; nothing may crash.
#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/model/parameter_catalogue.h"
#include "core/model/request_validation.h"
#include "core/model/simulation_request.h"
#include "core/presets/preset_library.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096)
        return -1;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    izh::SimulationRequest request = izh::defaultRequest();
    bool first = true;
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos)
            continue;
        const std::string_view name = line.substr(0, eq), text = line.substr(eq + 1);
        if (first && name == "preset") {
            if (const auto* preset = izh::findPreset(text))
                request = preset->request;
            first = false;
            continue;
        }
        first = false;
        const auto value = izh::parseNumber(text);
        if (!value)
            continue;
        // parseNumber is exact: its value must print and parse back to itself.
        if (std::isfinite(*value)) {
            const auto back = izh::parseNumber(izh::formatNumber(*value));
            if (!back || *back != *value)
                std::abort();
        }
        if (!izh::findParameter(name))
            continue;
        try {
            izh::setParameter(request, name, *value);
            if (izh::getParameter(request, name) != *value && name != "u0")
                std::abort(); // a set value reads back (u0 is optional: get may derive)
        } catch (const izh::InvalidInput&) {
            continue;
        }
    }
    try {
        izh::validateRequest(request, false);
        izh::validateRequest(request, true);
    } catch (const izh::InvalidInput&) {
    }
    return 0;
}
