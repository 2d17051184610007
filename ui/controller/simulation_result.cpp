// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/controller/simulation_result.h"

#include "ui/controller/plot_series_builder.h"

std::shared_ptr<SimulationResult> assembleResult(quint64 generation,
                                                 const izh::SimulationRequest& request,
                                                 std::shared_ptr<const izh::Trajectory> trajectory,
                                                 double computeMs, PlotView view) {
    auto result = std::make_shared<SimulationResult>();
    result->generation = generation;
    result->request = request;
    result->computeMs = computeMs;
    if (!(view.t1 > view.t0)) {
        view.t0 = 0;
        view.t1 = request.settings.duration;
    }
    result->view = view;
    result->series = buildPlotSeries(*trajectory, request.model.vpeak, view);
    const double end = trajectory->outcome.divergenceTime.value_or(request.settings.duration);
    result->analysis =
        izh::analyseSpikeTrain(trajectory->spikeTimes(), end, request.protocol.onsetTime());
    result->trajectory = std::move(trajectory);
    return result;
}
