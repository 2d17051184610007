// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

namespace izh {

// The generalised Izhikevich model (docs/model.md):
//   dv/dt = p2·v² + p1·v + p0 − u + I(t)
//   du/dt = a·(b·(v − vb) − e·u)
//   if v ≥ vpeak: spike; v ← c; u ← u + d
// Named access, units and meanings: core/model/parameter_catalogue.h.
struct ModelParameters {
    double a = 0.02;
    double b = 0.2;
    double c = -65.0;
    double d = 8.0;
    double vpeak = 30.0;
    double p2 = 0.04;
    double p1 = 5.0;
    double p0 = 140.0;
    double vb = 0.0;
    double e = 1.0;
    double v0 = -65.0;
    std::optional<double> u0; // unset: b·v0, as in the published scripts

    double initialU() const { return u0 ? *u0 : b * v0; }

    bool operator==(const ModelParameters&) const = default;
};

} // namespace izh
