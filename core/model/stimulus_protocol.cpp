// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/stimulus_protocol.h"

#include "core/base/invalid_input.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace izh {

StimulusProtocol StimulusProtocol::dc(double level) {
    StimulusProtocol protocol;
    protocol.baseline = level;
    protocol.baselineIsPrimary = true;
    return protocol;
}

std::vector<CurrentStep> StimulusProtocol::rectangularPieces() const {
    std::vector<CurrentStep> pieces = steps;
    for (const auto& train : trains) {
        for (int k = 0; k < train.count; ++k) {
            CurrentStep pulse;
            pulse.amplitude = train.amplitude;
            pulse.tOn = train.tOn + k * train.period;
            pulse.tOff = pulse.tOn + train.width;
            pulse.primary = train.primary;
            pieces.push_back(pulse);
        }
    }
    return pieces;
}

double StimulusProtocol::currentAt(double t) const {
    double current = baseline;
    for (const auto& step : steps)
        if (step.activeAt(t))
            current += step.amplitude;
    for (const auto& train : trains) {
        for (int k = 0; k < train.count; ++k) {
            const double on = train.tOn + k * train.period;
            if (t > on && t < on + train.width)
                current += train.amplitude;
        }
    }
    for (const auto& ramp : ramps)
        if (ramp.activeAt(t))
            current += ramp.valueAt(t);
    return current;
}

std::vector<double> StimulusProtocol::discontinuities() const {
    std::vector<double> times;
    auto add = [&](double t) {
        if (std::isfinite(t))
            times.push_back(t);
    };
    for (const auto& piece : rectangularPieces()) {
        add(piece.tOn);
        add(piece.tOff);
    }
    for (const auto& ramp : ramps) {
        add(ramp.tOn);
        add(ramp.tOff);
    }
    for (const auto& spike : inputSpikes)
        add(spike.time);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

double StimulusProtocol::onsetTime() const {
    double onset = kForever;
    for (const auto& piece : rectangularPieces())
        if (piece.amplitude != 0)
            onset = std::min(onset, piece.tOn);
    for (const auto& ramp : ramps)
        if (ramp.slope != 0)
            onset = std::min(onset, ramp.tOn);
    for (const auto& spike : inputSpikes)
        onset = std::min(onset, spike.time);
    return std::isfinite(onset) ? std::max(onset, 0.0) : 0.0;
}

double StimulusProtocol::primaryAmplitude() const {
    if (baselineIsPrimary)
        return baseline;
    for (const auto& step : steps)
        if (step.primary)
            return step.amplitude;
    for (const auto& train : trains)
        if (train.primary)
            return train.amplitude;
    for (const auto& ramp : ramps)
        if (ramp.primary)
            return ramp.slope;
    return baseline;
}

void StimulusProtocol::setPrimaryAmplitude(double value) {
    bool any = baselineIsPrimary;
    if (baselineIsPrimary)
        baseline = value;
    for (auto& step : steps)
        if (step.primary) {
            step.amplitude = value;
            any = true;
        }
    for (auto& train : trains)
        if (train.primary) {
            train.amplitude = value;
            any = true;
        }
    for (auto& ramp : ramps)
        if (ramp.primary) {
            ramp.slope = value;
            any = true;
        }
    if (!any) // nothing marked: the dc level is what the slider means
        baseline = value;
}

namespace {
std::string indexed(const char* list, std::size_t i, const char* field) {
    return std::string("protocol.") + list + "[" + std::to_string(i) + "]." + field;
}

// requireFinite for list[i].field; the name is built only for the message
// (sweeps validate every cell's protocol).
void requireFiniteAt(const char* list, std::size_t i, const char* field, double value) {
    if (!std::isfinite(value)) [[unlikely]]
        throwNotFinite(indexed(list, i, field), value);
}

void validateWindow(const char* list, std::size_t i, double tOn, double tOff) {
    requireFiniteAt(list, i, "t_on", tOn);
    if (std::isnan(tOff))
        throw InvalidInput(indexed(list, i, "t_off"), "must be a number, not NaN");
    if (tOff < tOn)
        throw InvalidInput(indexed(list, i, "t_off"), "must not be before t_on");
}
} // namespace

void StimulusProtocol::validate() const {
    requireFinite("protocol.baseline", baseline);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        requireFiniteAt("steps", i, "amplitude", steps[i].amplitude);
        validateWindow("steps", i, steps[i].tOn, steps[i].tOff);
    }
    for (std::size_t i = 0; i < ramps.size(); ++i) {
        requireFiniteAt("ramps", i, "slope", ramps[i].slope);
        validateWindow("ramps", i, ramps[i].tOn, ramps[i].tOff);
    }
    for (std::size_t i = 0; i < trains.size(); ++i) {
        const auto& train = trains[i];
        requireFiniteAt("pulse_trains", i, "amplitude", train.amplitude);
        requireFiniteAt("pulse_trains", i, "t_on", train.tOn);
        requireFiniteAt("pulse_trains", i, "width", train.width);
        requireFiniteAt("pulse_trains", i, "period", train.period);
        if (train.width <= 0)
            throw InvalidInput(indexed("pulse_trains", i, "width"), "must be positive");
        if (train.period < train.width)
            throw InvalidInput(indexed("pulse_trains", i, "period"), "must be at least the width");
        if (train.count < 1 || train.count > 100000)
            throw InvalidInput(indexed("pulse_trains", i, "count"), "must be between 1 and 100000");
    }
    for (std::size_t i = 0; i < inputSpikes.size(); ++i) {
        requireFiniteAt("input_spikes", i, "time", inputSpikes[i].time);
        requireFiniteAt("input_spikes", i, "weight", inputSpikes[i].weight);
        if (inputSpikes[i].time < 0)
            throw InvalidInput(indexed("input_spikes", i, "time"), "must not be negative");
    }
}

} // namespace izh
