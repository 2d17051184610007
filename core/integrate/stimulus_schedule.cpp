// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/integrate/stimulus_schedule.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace izh {

namespace {

// First step index k in [0, steps] with pred(k·dt) true, for a predicate that
// is false then true along the grid. Starts from the arithmetic guess and then
// walks with the very comparison the loop would make, so rounding in t/dt can
// never misplace an edge.
template <class Pred>
std::size_t firstIndexWhere(Pred pred, double guessTime, double dt, std::size_t steps) {
    auto at = [&](std::size_t k) { return pred(static_cast<double>(k) * dt); };
    double guess = std::floor(guessTime / dt);
    std::size_t k = guess <= 0 ? 0 : std::min<std::size_t>(steps, static_cast<std::size_t>(guess));
    while (k > 0 && at(k - 1))
        --k;
    while (k < steps && !at(k))
        ++k;
    return k;
}

struct IndexWindow {
    std::size_t on, off;
};

template <class Component>
IndexWindow windowOf(const Component& c, double dt, std::size_t steps) {
    const std::size_t on = firstIndexWhere(
        [&](double t) { return c.includeOn ? t >= c.tOn : t > c.tOn; }, c.tOn, dt, steps);
    if (!std::isfinite(c.tOff))
        return {on, steps};
    std::size_t off = firstIndexWhere(
        [&](double t) { return c.includeOff ? t > c.tOff : t >= c.tOff; }, c.tOff, dt, steps);
    return {on, std::max(on, off)};
}

} // namespace

StimulusSchedule::StimulusSchedule(const StimulusProtocol& protocol, double dt, std::size_t steps) {
    const auto pieces = protocol.rectangularPieces();
    std::vector<IndexWindow> pieceWindows, rampWindows;
    std::vector<std::size_t> edges = {0, steps};
    for (const auto& piece : pieces) {
        pieceWindows.push_back(windowOf(piece, dt, steps));
        edges.push_back(pieceWindows.back().on);
        edges.push_back(pieceWindows.back().off);
    }
    for (const auto& ramp : protocol.ramps) {
        rampWindows.push_back(windowOf(ramp, dt, steps));
        edges.push_back(rampWindows.back().on);
        edges.push_back(rampWindows.back().off);
    }
    // A spike arriving at time s acts before the first step starting at or after s.
    std::map<std::size_t, double> spikeWeights;
    for (const auto& spike : protocol.inputSpikes) {
        const std::size_t k = firstIndexWhere([&](double t) { return t >= spike.time; },
                                              spike.time, dt, steps);
        if (k < steps) {
            spikeWeights[k] += spike.weight;
            edges.push_back(k);
        }
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());

    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        StimulusChunk chunk;
        chunk.begin = edges[i];
        chunk.end = edges[i + 1];
        auto inside = [&](const IndexWindow& w) { return w.on <= chunk.begin && chunk.begin < w.off; };
        chunk.constantPart = protocol.baseline;
        for (std::size_t p = 0; p < pieces.size(); ++p)
            if (inside(pieceWindows[p]))
                chunk.constantPart += pieces[p].amplitude;
        for (std::size_t r = 0; r < protocol.ramps.size(); ++r)
            if (inside(rampWindows[r]))
                chunk.ramps.push_back({protocol.ramps[r].slope, protocol.ramps[r].tOn});
        if (auto it = spikeWeights.find(chunk.begin); it != spikeWeights.end()) {
            chunk.hasSpike = true;
            chunk.spikeWeight = it->second;
        }
        chunks_.push_back(std::move(chunk));
    }
}

} // namespace izh
