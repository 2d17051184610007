// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/integrate/simulator.h"

namespace izh {

Trajectory simulate(const SimulationRequest& request, const RunControl& control) {
    Trajectory trajectory;
    simulateInto(request, trajectory, control);
    return trajectory;
}

void simulateInto(const SimulationRequest& request, Trajectory& trajectory,
                  const RunControl& control) {
    trajectory.dt = request.settings.dt;
    trajectory.outcome = {};
    FullTraceRecorder recorder(trajectory);
    trajectory.outcome = runSimulation(request, recorder, control, /*fullTrace=*/true);
    recorder.finish();
}

RunOutcome simulateSpikes(const SimulationRequest& request, const RunControl& control) {
    DiscardingSink sink;
    return runSimulation(request, sink, control, /*fullTrace=*/false);
}

} // namespace izh
