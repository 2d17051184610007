// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/simulation_request.h"

#include "core/base/invalid_input.h"
#include "core/base/number_format.h"

#include <cmath>

namespace izh {

std::size_t SimulationSettings::stepCount() const {
    // Rounded so that 150 ms at 0.25 ms is exactly 600 steps despite binary dt.
    return static_cast<std::size_t>(std::llround(duration / dt));
}

void SimulationRequest::validate(bool fullTrace) const {
    model.validate();
    protocol.validate();
    const auto& s = settings;
    requireFinite("duration", s.duration);
    requireFinite("dt", s.dt);
    if (s.duration <= 0)
        throw InvalidInput("duration", "must be positive");
    if (s.dt <= 0)
        throw InvalidInput("dt", "must be positive");
    if (s.dt > s.duration)
        throw InvalidInput("dt", "must not exceed the duration (" + formatNumber(s.duration) +
                                     " ms)");
    const double steps = s.duration / s.dt;
    const std::size_t limit = fullTrace ? kMaxRecordedSamples : kMaxSteps;
    if (steps > static_cast<double>(limit))
        throw InvalidInput("duration",
                           formatNumber(s.duration) + " ms at dt " + formatNumber(s.dt) + " ms is " +
                               formatNumber(std::round(steps)) + " steps; the limit is " +
                               std::to_string(limit) + (fullTrace ? " recorded samples" : " steps") +
                               " (use a larger dt or a shorter run)");
    requireFinite("rtol", s.rtol);
    requireFinite("atol", s.atol);
    if (s.rtol <= 0 || s.rtol >= 1)
        throw InvalidInput("rtol", "must be between 0 and 1 (exclusive)");
    if (s.atol <= 0)
        throw InvalidInput("atol", "must be positive");
    if (s.integrator == IntegratorKind::RK45 && s.rtol < 1e-14)
        throw InvalidInput("rtol", "below 1e-14 is beyond double precision");
}

bool SimulationRequest::isSettableName(std::string_view name) {
    return ModelParameters::isName(name) || name == "I" || name == "duration" || name == "dt" ||
           name == "rtol" || name == "atol";
}

double SimulationRequest::get(std::string_view name) const {
    if (name == "I")
        return protocol.primaryAmplitude();
    if (name == "duration")
        return settings.duration;
    if (name == "dt")
        return settings.dt;
    if (name == "rtol")
        return settings.rtol;
    if (name == "atol")
        return settings.atol;
    return model.get(name);
}

void SimulationRequest::set(std::string_view name, double value) {
    requireFinite(name, value);
    if (name == "I")
        protocol.setPrimaryAmplitude(value);
    else if (name == "duration")
        settings.duration = value;
    else if (name == "dt")
        settings.dt = value;
    else if (name == "rtol")
        settings.rtol = value;
    else if (name == "atol")
        settings.atol = value;
    else
        model.set(name, value);
}

} // namespace izh
