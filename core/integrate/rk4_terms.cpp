// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/integrate/rk4_terms.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace izh {

bool RK4Terms::usesShift(const ModelParameters& m) {
    return m.p2 > 0 && std::abs(m.p1 / (2.0 * m.p2)) <= kMaxShift &&
           std::abs(m.vpeak) <= kMaxPeak;
}

namespace {

// Finite doubles in order as unsigned integers (−inf … +inf, no NaN between).
std::uint64_t orderKey(double x) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    return (bits >> 63) ? ~bits : (bits | (std::uint64_t{1} << 63));
}
double fromOrderKey(std::uint64_t key) {
    return std::bit_cast<double>((key >> 63) ? (key & ~(std::uint64_t{1} << 63)) : ~key);
}

} // namespace

// Derivation (tests/unit/core/integrate/test_integrators.cpp checks the result against textbook
// RK4 computed in long double):
// with f(v, u) = p2·v² + p1·v + p0 + I − u, g(v, u) = al·v − be·u − ga and the
// stages f_i, g_i of classic RK4,
//   f2 = b2·f1 − h/2·g1 + c2·f1²,         g2 = g2k·g1 + al·h/2·f1,
//   f3 = M + s2·f2 + c2·f2²,               M = mx·f1 − mg·g1,
//   v' = q0 + q1·f2 + q2·f2² + q3·f2³ + q4·f2⁴,
//   u' = (u + ug·g1 + ux·f1) + U1·f2 + u2·f2²,
// where s2 = h/2·∂f/∂v and s4 = h/6·(2 + h·∂f/∂v) are linear in v. In the
// state coordinate z every q is multiplied by zScale and q0 gains zScale·zShift.
RK4Terms::RK4Terms(const ModelParameters& m, double h) {
    shifted = usesShift(m);
    if (shifted) {
        zScale = std::sqrt(m.p2);
        zShift = m.p1 / (2.0 * m.p2);
        vFromZ = 1.0 / zScale;
    }
    // toV is monotone (a product with a positive constant, then a difference),
    // so the least z with toV(z) ≥ vpeak is found by bisection over the
    // doubles in order (64 halvings at most), and testing z against it is the
    // same as testing toV(z) against vpeak. (Walking with nextafter from
    // toState(vpeak) instead can take ~1e18 steps when vpeak is near −zShift.)
    zPeak = m.vpeak;
    if (shifted) {
        std::uint64_t below = orderKey(-std::numeric_limits<double>::infinity());
        std::uint64_t atOrAbove = orderKey(std::numeric_limits<double>::infinity());
        while (atOrAbove - below > 1) {
            const std::uint64_t middle = below + (atOrAbove - below) / 2;
            (toV(fromOrderKey(middle)) >= m.vpeak ? atOrAbove : below) = middle;
        }
        zPeak = fromOrderKey(atOrAbove);
    }

    const double A = vFromZ, B = -zShift, S = zScale; // v = A·z + B
    // c0 + c1·v as a linear form in z.
    struct Linear {
        double c0, c1;
    };
    auto inZ = [&](double c0, double c1) { return Linear{c0 + c1 * B, c1 * A}; };

    const double h2v = 0.5 * h, h6 = h / 6.0;
    const double al = m.a * m.b, beV = m.a * m.e, ga = al * m.vb;
    const double g2k = 1.0 - beV * h2v, alh2 = al * h2v, beh2 = beV * h2v, h6h = h6 * h;
    const double mx = 1.0 - h2v * alh2, mg = h2v * g2k;
    const double gw = h6 * (2.0 - beV * h), h6alh = h6 * al * h;
    const double kg = h6h * (1.0 - beh2 * g2k), kx = 2.0 * h6 + h6h * beh2 * alh2;
    const double c2v = m.p2 * (h2v * h2v), h6c4 = h6 * (m.p2 * (h * h));
    const double baseF2 = 2.0 * h6 - h6h * alh2;
    const double t1 = 2.0 * h6c4 * mg, t2 = 2.0 * h6c4 * mx, t3 = 2.0 * h6c4 * c2v;
    const Linear s2 = inZ(h2v * m.p1, h * m.p2);                       // h/2·∂f/∂v
    const Linear s4 = inZ(h6 * (2.0 + h * m.p1), 2.0 * h6 * h * m.p2); // h/6·(2 + h·∂f/∂v)

    p2 = m.p2;
    p1 = m.p1;
    p0z = shifted ? m.p0 - m.p2 * (zShift * zShift) : m.p0;
    alz = al * A;
    be = beV;
    gaz = ga - al * B;
    b2c0 = 1.0 + s2.c0;
    b2c1 = s2.c1;
    c2 = c2v;
    h2 = h2v;

    // q0·S + S·zShift = (z − S·κ·g1) + S·r1·f1 + S·r0g·g1² + S·r2·f1²
    kap0 = S * (kg + mg * s4.c0); // κ = kg + mg·s4, times S
    kap1 = S * (mg * s4.c1);
    r0g = S * (h6c4 * mg * mg);
    // r1 = kx + mx·s4 − 2·h6c4·mx·mg·g1, with g1 expanded in z and u.
    const double r1g = 2.0 * h6c4 * mx * mg;
    r1c0 = S * ((kx + mx * s4.c0) + r1g * gaz);
    r1z = S * (mx * s4.c1 - r1g * alz);
    r1u = S * (r1g * be);
    r2 = S * (h6c4 * mx * mx);

    // q1 = baseF2 + s2·s4 − t1·s2·g1 + t2·s2·f1
    pc0 = S * (baseF2 + s2.c0 * s4.c0);
    pc1 = S * (s2.c0 * s4.c1 + s2.c1 * s4.c0);
    pc2 = S * (s2.c1 * s4.c1);
    t1c0 = S * t1 * s2.c0;
    t1c1 = S * t1 * s2.c1;
    t2c0 = S * t2 * s2.c0;
    t2c1 = S * t2 * s2.c1;
    // q2 = c2·s4 + h6c4·s2² + t3·M, q3 = t3·s2, q4 = h6c4·c2²
    qc0 = S * (c2v * s4.c0 + h6c4 * (s2.c0 * s2.c0));
    qc1 = S * (c2v * s4.c1 + 2.0 * h6c4 * (s2.c0 * s2.c1));
    qc2 = S * (h6c4 * (s2.c1 * s2.c1));
    t3mx = S * t3 * mx;
    t3mg = S * t3 * mg;
    t3c0 = S * t3 * s2.c0;
    t3c1 = S * t3 * s2.c1;
    q4 = S * (h6c4 * c2v * c2v);

    ug = h6 * (2.0 + 2.0 * g2k) + gw * (1.0 - beh2 * g2k) - h6alh * mg;
    ux = 2.0 * h6 * alh2 - gw * beh2 * alh2 + h6alh * mx;
    u1c0 = gw * alh2 + h6alh * s2.c0;
    u1c1 = h6alh * s2.c1;
    u2 = h6alh * c2v;
}

} // namespace izh
