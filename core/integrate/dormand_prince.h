// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/run_control.h"
#include "core/integrate/trace_sink.h"
#include "core/model/simulation_request.h"

namespace izh {

// The `rk45` scheme: adaptive Dormand–Prince 5(4) with Hairer's error norm and
// step control, the 4th-order continuous extension (dense output) for sampling
// on the dt grid and for locating v = vpeak to 1e-10 ms, and hard stops at
// every stimulus discontinuity and input-spike arrival so no step straddles one.
RunOutcome integrateDormandPrince(const SimulationRequest& request, TraceSink& sink,
                                  const RunControl& control = {});

// Largest step rk45 takes (ms): neuronal time scales are ≥ 1 ms, and it keeps
// the threshold test frequent enough that no spike can hide inside one step.
inline constexpr double kDormandPrinceMaxStep = 1.0;

} // namespace izh
