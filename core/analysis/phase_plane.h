// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/model_parameters.h"

#include <string_view>
#include <vector>

namespace izh {

// The (v, u) phase plane of the model at a constant input I: nullclines and
// fixed points classified by the eigenvalues of the Jacobian
//   J = [ 2·p2·v + p1   −1  ]
//       [    a·b      −a·e ]
enum class FixedPointType { StableNode, UnstableNode, StableFocus, UnstableFocus, Saddle, Center };

std::string_view fixedPointTypeTitle(FixedPointType type); // e.g. "stable focus"

struct FixedPoint {
    double v = 0, u = 0;
    double trace = 0, determinant = 0; // of the Jacobian there
    FixedPointType type = FixedPointType::Saddle;
};

// u on the v-nullcline (dv/dt = 0): u = p2·v² + p1·v + p0 + I.
double vNullcline(const ModelParameters& m, double current, double v);

// u on the u-nullcline (du/dt = 0): u = b·(v − vb)/e. With e = 0 the
// u-nullcline is the vertical line v = vb (when b ≠ 0): see uNullclineIsVertical.
double uNullcline(const ModelParameters& m, double v);
bool uNullclineIsVertical(const ModelParameters& m);

// The vector field at (v, u) for a constant input I: the model's (dv/dt,
// du/dt) between spikes, what the phase plane's arrows point along.
struct PhaseVelocity {
    double dv = 0; // mV/ms
    double du = 0; // per ms
};
PhaseVelocity phaseVelocity(const ModelParameters& m, double current, double v, double u);

// All fixed points at input I, sorted by v (none beyond the saddle-node
// bifurcation, where the neuron fires tonically).
std::vector<FixedPoint> fixedPoints(const ModelParameters& m, double current);

// The type from the Jacobian's trace and determinant.
FixedPointType classifyFixedPoint(double trace, double determinant);

} // namespace izh
