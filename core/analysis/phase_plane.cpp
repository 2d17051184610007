// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/phase_plane.h"

#include <algorithm>
#include <cmath>

namespace izh {

std::string_view fixedPointTypeTitle(FixedPointType type) {
    switch (type) {
    case FixedPointType::StableNode: return "stable node";
    case FixedPointType::UnstableNode: return "unstable node";
    case FixedPointType::StableFocus: return "stable focus";
    case FixedPointType::UnstableFocus: return "unstable focus";
    case FixedPointType::Saddle: return "saddle";
    case FixedPointType::Center: return "centre";
    }
    return "";
}

double vNullcline(const ModelParameters& m, double current, double v) {
    return m.p2 * v * v + m.p1 * v + m.p0 + current;
}

PhaseVelocity phaseVelocity(const ModelParameters& m, double current, double v, double u) {
    // dv/dt is the height of the v-nullcline above u: zero on it, by construction.
    return {vNullcline(m, current, v) - u, m.a * (m.b * (v - m.vb) - m.e * u)};
}

bool uNullclineIsVertical(const ModelParameters& m) { return m.e == 0; }

double uNullcline(const ModelParameters& m, double v) { return m.b * (v - m.vb) / m.e; }

FixedPointType classifyFixedPoint(double trace, double determinant) {
    if (determinant < 0)
        return FixedPointType::Saddle;
    if (trace == 0)
        return FixedPointType::Center;
    const bool stable = trace < 0;
    if (trace * trace - 4 * determinant >= 0)
        return stable ? FixedPointType::StableNode : FixedPointType::UnstableNode;
    return stable ? FixedPointType::StableFocus : FixedPointType::UnstableFocus;
}

std::vector<FixedPoint> fixedPoints(const ModelParameters& m, double current) {
    std::vector<double> vs;
    if (m.e == 0) {
        // du/dt = a·b·(v − vb) vanishes only on v = vb (if a·b ≠ 0).
        if (m.a * m.b != 0)
            vs.push_back(m.vb);
    } else {
        // p2·v² + (p1 − b/e)·v + (p0 + I + b·vb/e) = 0
        const double A = m.p2, B = m.p1 - m.b / m.e, C = m.p0 + current + m.b * m.vb / m.e;
        if (A == 0) {
            if (B != 0)
                vs.push_back(-C / B);
        } else {
            const double disc = B * B - 4 * A * C;
            if (disc == 0) {
                vs.push_back(-B / (2 * A));
            } else if (disc > 0) {
                // The numerically stable pair of roots.
                const double q = -0.5 * (B + std::copysign(std::sqrt(disc), B));
                vs.push_back(q / A);
                if (q != 0)
                    vs.push_back(C / q);
            }
        }
    }
    std::vector<FixedPoint> points;
    for (double v : vs) {
        FixedPoint p;
        p.v = v;
        p.u = vNullcline(m, current, v);
        const double j11 = 2 * m.p2 * v + m.p1, j12 = -1, j21 = m.a * m.b, j22 = -m.a * m.e;
        p.trace = j11 + j22;
        p.determinant = j11 * j22 - j12 * j21;
        p.type = classifyFixedPoint(p.trace, p.determinant);
        points.push_back(p);
    }
    std::sort(points.begin(), points.end(), [](auto& x, auto& y) { return x.v < y.v; });
    return points;
}

} // namespace izh
