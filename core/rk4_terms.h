#pragma once

#include "model_parameters.h"

namespace izh {

// The constants of RK4Scheme (fixed_step_schemes.h) for one model and step h.
//
// RK4 with I constant over a step is a polynomial map, which the scheme
// evaluates in a regrouped form (see there). The terms are written in a state
// coordinate z with v = vFromZ·z − zShift:
//  - shifted (p2 > 0, |p1/(2·p2)| ≤ kMaxShift, |vpeak| ≤ kMaxPeak):
//    z = √p2·(v + p1/(2·p2)), so that p2·v² + p1·v + p0 = z² + p0z — one
//    multiply and one add from z to the first slope instead of three;
//  - plain (any other model): z = v (vFromZ = 1, zShift = 0, every transform
//    below exact).
// Every coefficient that is linear in v is stored as c0 + c1·z; every product
// that used to be formed on the critical path is folded into a constant.
struct RK4Terms {
    // Above this |p1/(2·p2)| (mV) the shift would cost v more than a couple of
    // bits when added to it; such models use the plain coordinate.
    static constexpr double kMaxShift = 500.0;
    // So does a |vpeak| above this (mV): there a v that plain doubles hold
    // could overflow z, and the two coordinates would call different steps
    // the divergence.
    static constexpr double kMaxPeak = 1e6;

    bool shifted = false;
    double zScale = 1, zShift = 0, vFromZ = 1; // z = zScale·(v + zShift), v = vFromZ·z − zShift
    double zPeak = 0; // the least z with toV(z) ≥ vpeak: z ≥ zPeak exactly when toV(z) ≥ vpeak
    double p2 = 0, p1 = 0, p0z = 0;            // f1 = p2·z² + p1·z + p0z + I − u (plain), z² + p0z + I − u (shifted)
    double alz, be, gaz;                       // g1 = alz·z − (be·u + gaz)
    double b2c0, b2c1;                         // 1 + h/2·∂f/∂v = b2c0 + b2c1·z
    double c2, h2;                             // p2·(h/2)², h/2: f2 = (b2·f1 − h2·g1) + c2·f1²
    // q0 = ((z − κ·g1) + r1·f1) + (r0g·g1² + r2·f1²)
    double kap0, kap1, r0g;                    // κ = kap0 + kap1·z
    double r1c0, r1z, r1u, r2;                 // r1 = (r1c0 + r1z·z) + r1u·u
    // q1 = (P(z) − T1(z)·g1) + T2(z)·f1, P quadratic (its z² is f1's), T1, T2 linear in z
    double pc0, pc1, pc2, t1c0, t1c1, t2c0, t2c1;
    // q2 = Q(z) + (t3mx·f1 − t3mg·g1), Q quadratic; q3 = T3(z), linear; q4
    double qc0, qc1, qc2, t3mx, t3mg, t3c0, t3c1, q4;
    // u' = ((u + ug·g1) + ux·f1 + U1(z)·f2) + u2·f2², U1 linear in z
    double ug, ux, u1c0, u1c1, u2;

    RK4Terms() = default;
    RK4Terms(const ModelParameters& m, double h);

    // Whether the shifted coordinate serves this model (see kMaxShift).
    static bool usesShift(const ModelParameters& m);

    double toState(double v) const { return zScale * (v + zShift); }
    double toV(double z) const { return vFromZ * z - zShift; }
};

// One RK4 step of the regrouped form (RK4Scheme in fixed_step_schemes.h
// explains it), for a scalar state (T = double, Terms = RK4Terms) or for the
// batch engine's lanes (T a SIMD vector, Terms its per-lane copy of the same
// fields): one text, so both perform the same operations in the same order.
// `input` is p0z + I.
template <bool Shifted, class Terms, class T>
[[gnu::always_inline]] inline void rk4Step(const Terms& r, T& z, T& u, const T& input) {
    const T w = input - u;
    const T zz = z * z;
    T f1;
    if constexpr (Shifted)
        f1 = zz + w;
    else
        f1 = (r.p2 * z) * z + (r.p1 * z + w);
    const T g1 = r.alz * z - (r.be * u + r.gaz);
    const T f1Squared = f1 * f1;
    const T f2 = ((r.b2c0 + r.b2c1 * z) * f1 - r.h2 * g1) + r.c2 * f1Squared;
    const T r1 = (r.r1c0 + r.r1z * z) + r.r1u * u;
    const T q0 =
        ((z - (r.kap0 + r.kap1 * z) * g1) + r1 * f1) + (r.r0g * (g1 * g1) + r.r2 * f1Squared);
    const T p = (r.pc0 + r.pc1 * z) + r.pc2 * zz;
    const T q1 = (p - (r.t1c0 + r.t1c1 * z) * g1) + (r.t2c0 + r.t2c1 * z) * f1;
    const T q = (r.qc0 + r.qc1 * z) + r.qc2 * zz;
    const T q2 = q + (r.t3mx * f1 - r.t3mg * g1);
    const T q3 = r.t3c0 + r.t3c1 * z;
    const T f2Squared = f2 * f2;
    const T u0 = (u + r.ug * g1) + r.ux * f1;
    u = (u0 + (r.u1c0 + r.u1c1 * z) * f2) + r.u2 * f2Squared;
    z = ((q0 + q1 * f2) + q2 * f2Squared) + (q3 + r.q4 * f2) * (f2Squared * f2);
}

} // namespace izh
