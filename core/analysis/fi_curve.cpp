// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/fi_curve.h"

#include "core/base/invalid_input.h"
#include "core/integrate/simulator.h"

#include <numeric>

namespace izh {

std::vector<FiPoint> computeFiCurve(const SimulationRequest& request, double lo, double hi,
                                    int points, const RunControl& control) {
    requireFinite("fi.lo", lo);
    requireFinite("fi.hi", hi);
    if (points < 2 || points > 10000)
        throw InvalidInput("fi.points", "must be between 2 and 10000");
    std::vector<FiPoint> curve;
    for (int k = 0; k < points && !control.cancelled(); ++k) {
        SimulationRequest r = request;
        FiPoint point;
        point.current = lo + (hi - lo) * k / (points - 1);
        r.protocol = StimulusProtocol::dc(point.current);
        const auto outcome = simulateSpikes(r, control);
        if (outcome.cancelled)
            break;
        const auto& spikes = outcome.spikeTimes;
        point.spikeCount = spikes.size();
        point.diverged = outcome.diverged();
        if (spikes.size() >= 2)
            point.firstIsiRateHz = 1000.0 / (spikes[1] - spikes[0]);
        if (spikes.size() >= 3) {
            const std::size_t isis = spikes.size() - 1, from = isis / 2;
            const double span = spikes.back() - spikes[from];
            point.steadyRateHz = 1000.0 * static_cast<double>(isis - from) / span;
        }
        curve.push_back(point);
        control.report(double(k + 1) / points);
    }
    return curve;
}

} // namespace izh
