// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace izh {

// The generalised Izhikevich model of docs/model.md:
//   dv/dt = p2·v² + p1·v + p0 − u + I(t)
//   du/dt = a·(b·(v − vb) − e·u)
//   if v ≥ vpeak: spike; v ← c; u ← u + d
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

    // Throws InvalidInput naming the first field that is not acceptable.
    void validate() const;

    // Named access, used by --set, parameter files and sweeps. Names are those
    // of docs/model.md (a, b, c, d, vpeak, p2, p1, p0, vb, e, v0, u0).
    static const std::vector<std::string_view>& names();
    static bool isName(std::string_view name);
    double get(std::string_view name) const;
    void set(std::string_view name, double value);

    bool operator==(const ModelParameters&) const = default;
};

} // namespace izh
