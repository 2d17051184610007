// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/simulation_request.h"


#include <cmath>

namespace izh {

std::size_t SimulationSettings::stepCount() const {
    // Rounded so that 150 ms at 0.25 ms is exactly 600 steps despite binary dt.
    return static_cast<std::size_t>(std::llround(duration / dt));
}

SimulationRequest defaultRequest() {
    SimulationRequest request;
    request.model.v0 = -65;
    request.protocol = StimulusProtocol::dc(10);
    request.settings.duration = 1000;
    request.settings.dt = 0.1;
    request.settings.integrator = IntegratorKind::RK45;
    return request;
}

} // namespace izh
