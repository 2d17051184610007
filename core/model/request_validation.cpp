// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/request_validation.h"

#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/model/parameter_catalogue.h"

#include <cmath>
#include <string>

namespace izh {

void validateRequest(const SimulationRequest& request, bool fullTrace) {
    // The model first, then the protocol, then the settings: the first
    // problem reported is the one a reader of the file meets first.
    for (const auto& info : parameterCatalogue())
        if (info.section == ParameterSection::Model)
            requireInRange(info, info.get(request));
    const ModelParameters& model = request.model;
    if (model.vpeak <= model.c)
        throw InvalidInput("vpeak", "must be above the reset c (" + formatNumber(model.c) +
                                        "), or every reset would spike again");
    if (model.v0 >= model.vpeak)
        throw InvalidInput("v0", "must be below vpeak (" + formatNumber(model.vpeak) + ")");
    request.protocol.validate();
    for (const auto& info : parameterCatalogue())
        if (info.section != ParameterSection::Model)
            requireInRange(info, info.get(request));

    const auto& s = request.settings;
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
    if (s.integrator == IntegratorKind::RK45 && s.rtol < 1e-14)
        throw InvalidInput("rtol", "below 1e-14 is beyond double precision");
}

} // namespace izh
