// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/simulation_request.h"

namespace izh {

// Throws InvalidInput naming the first field that is not acceptable: each
// parameter's range (the catalogue's), the model's constraints (vpeak above
// c, v0 below vpeak), the protocol's, and the run's size. `fullTrace` applies
// the lower limit for runs whose every sample is kept (CSV export).
void validateRequest(const SimulationRequest& request, bool fullTrace = true);

} // namespace izh
