// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/parameter_sweep.h"

#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/model/parameter_catalogue.h"
#include "core/model/request_validation.h"

#include <cmath>

namespace izh {

double SweepAxis::value(std::size_t i) const {
    if (count <= 1 || i == 0)
        return lo;
    if (i + 1 == count)
        return hi;
    return lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(count - 1);
}

SweepAxis parseSweepAxis(std::string_view spec) {
    const std::string text(spec);
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw InvalidInput("sweep", "expected NAME=LO:HI:N, got '" + text + "'");
    SweepAxis axis;
    axis.name = std::string(spec.substr(0, eq));
    if (!findParameter(axis.name))
        throw InvalidInput(axis.name, "unknown parameter (" + parameterNameList(true) + ")");
    const std::string_view range = spec.substr(eq + 1);
    const auto colon1 = range.find(':');
    const auto colon2 = colon1 == std::string_view::npos ? colon1 : range.find(':', colon1 + 1);
    if (colon2 == std::string_view::npos || range.find(':', colon2 + 1) != std::string_view::npos)
        throw InvalidInput("sweep", "expected NAME=LO:HI:N, got '" + text + "'");
    auto number = [&](std::string_view part, const std::string& what) {
        const auto value = parseNumber(part);
        if (!value)
            throw InvalidInput("sweep", axis.name + " " + what + ": '" + std::string(part) +
                                            "' is not a number");
        try {
            requireFinite("sweep", *value);
        } catch (const InvalidInput& error) {
            throw InvalidInput("sweep", axis.name + " " + what + ": " + error.reason());
        }
        return *value;
    };
    axis.lo = number(range.substr(0, colon1), "LO");
    axis.hi = number(range.substr(colon1 + 1, colon2 - colon1 - 1), "HI");
    const std::string_view countText = range.substr(colon2 + 1);
    const auto count = parseNumber(countText);
    if (!count || *count != std::floor(*count) || !std::isfinite(*count))
        throw InvalidInput("sweep", axis.name + " N: '" + std::string(countText) +
                                        "' is not a whole number");
    if (*count < 1 || *count > static_cast<double>(kMaxSweepPoints))
        throw InvalidInput("sweep", axis.name + " N: must be between 1 and " +
                                        std::to_string(kMaxSweepPoints) + ", not " +
                                        std::string(countText));
    axis.count = static_cast<std::size_t>(*count);
    if (!std::isfinite(axis.hi - axis.lo))
        throw InvalidInput("sweep", axis.name + ": the range HI − LO overflows");
    return axis;
}

void validateSweep(const SimulationRequest& base, const SweepAxis& x, const SweepAxis& y) {
    validateRequest(base, false);
    for (const SweepAxis* axis : {&x, &y}) {
        const std::string& name = axis->name;
        const ParameterInfo& swept = parameter(name);
        if (swept.notSweepable)
            throw InvalidInput(name, swept.notSweepable);
        if ((name == "rtol" || name == "atol") && base.settings.integrator != IntegratorKind::RK45)
            throw InvalidInput(name, "has no effect on the fixed-step scheme '" +
                                         std::string(integratorId(base.settings.integrator)) +
                                         "' (sweep it with --integrator rk45)");
        if (axis->count < 1 || axis->count > kMaxSweepPoints)
            throw InvalidInput("sweep", name + " N: must be between 1 and " +
                                            std::to_string(kMaxSweepPoints));
    }
    if (x.name == y.name)
        throw InvalidInput("sweep", "the two axes sweep the same parameter '" + x.name + "'");
    // Every point of the grid's edges; the model's constraints are linear in
    // each parameter, so the interior cannot fail where the edges pass.
    auto check = [&](std::size_t i, std::size_t j) { validateRequest(sweepCellRequest(base, x, y, i, j), false); };
    for (std::size_t i = 0; i < x.count; ++i) {
        check(i, 0);
        check(i, y.count - 1);
    }
    for (std::size_t j = 0; j < y.count; ++j) {
        check(0, j);
        check(x.count - 1, j);
    }
}

SimulationRequest sweepCellRequest(const SimulationRequest& base, const SweepAxis& x,
                                   const SweepAxis& y, std::size_t i, std::size_t j) {
    SimulationRequest request = base;
    parameter(x.name).set(request, x.value(i));
    parameter(y.name).set(request, y.value(j));
    return request;
}

std::string_view SweepCell::patternId() const {
    return divergenceTime ? std::string_view("diverged") : firingPatternId(pattern);
}

SweepResult runSweep(const SimulationRequest& base, const SweepAxis& x, const SweepAxis& y,
                     const BatchOptions& options) {
    validateSweep(base, x, y);
    SweepResult result;
    result.x = x;
    result.y = y;
    result.cells.resize(x.count * y.count);
    const double duration = base.settings.duration;
    const double onset = base.protocol.onsetTime(); // only affects the latency, not reported
    const ParameterInfo& xParameter = parameter(x.name);
    const ParameterInfo& yParameter = parameter(y.name);
    result.batch = runBatch(
        result.cells.size(),
        [&](std::size_t cell) {
            SimulationRequest request = base;
            xParameter.set(request, x.value(cell % x.count));
            yParameter.set(request, y.value(cell / x.count));
            return request;
        },
        [&](std::size_t cell, const BatchCellResult& run) {
            const auto analysis =
                analyseSpikeTrain(run.spikeTimes, run.divergenceTime.value_or(duration), onset);
            SweepCell& out = result.cells[cell];
            out.spikeCount = analysis.spikeCount;
            out.firstSpike = analysis.firstSpike;
            out.rateHz = analysis.meanRateHz;
            out.cvIsi = analysis.cvIsi;
            out.pattern = analysis.pattern;
            out.divergenceTime = run.divergenceTime;
        },
        options);
    result.cancelled = result.batch.cancelled;
    return result;
}

} // namespace izh
