// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/fused_multiply_add.h"
#include "core/model/model_parameters.h"

#include <cmath>

namespace izh {

// The constants of RK4Scheme (fixed_step_schemes.h) for one model and step h.
//
// RK4 with I constant over a step is a polynomial map, which the scheme
// evaluates in a regrouped form (see there). The terms are written in a state
// coordinate z with v = vFromZ·z − zShift:
//  - shifted (p2 > 0, |p1/(2·p2)| ≤ kMaxShift, |vpeak| ≤ kMaxPeak):
//    z = √p2·(v + p1/(2·p2)), so that p2·v² + p1·v + p0 = z² + p0z — one
//    fused multiply-add from z to the first slope instead of three operations;
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
    double c2, h2;                             // p2·(h/2)², h/2: f2 = (c2·f1 + b2)·f1 − h2·g1
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

// The fused multiply-add a·b + c with one rounding (IEEE 754
// fusedMultiplyAdd), in two forms giving the same bits: PortableFma for code
// compiled for any CPU (an exact emulation on the x86-64 baseline,
// fused_multiply_add.h), FmaInstruction for code compiled for FMA (the fixed-
// step loop's FMA copy), where std::fma is one instruction.
struct PortableFma {
    double operator()(double a, double b, double c) const { return fusedMultiplyAdd(a, b, c); }
};
struct FmaInstruction {
    // Inlined into the loop compiled for FMA, where it is one instruction.
    // Not forced with always_inline: that changes GCC's inlining order
    // around the loop, for the worse.
    double operator()(double a, double b, double c) const { return std::fma(a, b, c); }
};

// One RK4 step of the regrouped form (RK4Scheme in fixed_step_schemes.h
// explains it), for a scalar state (T = double, Terms = RK4Terms) or for the
// batch engine's lanes (T a SIMD vector, Terms its per-lane copy of the same
// fields, Fma its lane-wise fused multiply-add): one text, so both perform the
// same operations in the same order. `input` is p0z + I.
//
// Fused multiply-adds: 41 operations instead of 71, and 6 dependent ones
// from z to z' (23 cycles: four per fma, three per product) instead of 9
// products and sums (27).
// Statements come in the order the out-of-order core should start them: the
// chain to f2 first. The scheduler runs the oldest ready operation, and a dozen
// others become ready with z; issued first, they delayed the chain.
template <bool Shifted, class Terms, class T, class Fma = PortableFma>
[[gnu::always_inline]] inline void rk4Step(const Terms& r, T& z, T& u, const T& input,
                                           Fma fma = {}) {
    const T w = input - u;
    const T gu = fma(r.be, u, r.gaz);
    T f1;
    if constexpr (Shifted)
        f1 = fma(z, z, w);
    else
        f1 = fma(r.p2 * z, z, fma(r.p1, z, w));
    const T b2 = fma(r.b2c1, z, r.b2c0);
    const T g1 = fma(r.alz, z, -gu);
    const T h2g1 = r.h2 * g1;
    const T f2 = fma(f1, fma(r.c2, f1, b2), -h2g1); // (c2·f1 + b2)·f1 − h2·g1
    const T f1Squared = f1 * f1;
    const T zz = z * z;
    const T r1 = fma(r.r1u, u, fma(r.r1z, z, r.r1c0));
    const T kappa = fma(r.kap1, z, r.kap0);
    const T q0 = fma(r1, f1, fma(-kappa, g1, z)) + fma(r.r0g, g1 * g1, r.r2 * f1Squared);
    const T p = fma(r.pc2, zz, fma(r.pc1, z, r.pc0));
    const T t1 = fma(r.t1c1, z, r.t1c0);
    const T t2 = fma(r.t2c1, z, r.t2c0);
    const T q1 = fma(t2, f1, fma(-t1, g1, p));
    const T q = fma(r.qc2, zz, fma(r.qc1, z, r.qc0));
    const T q2 = q + fma(r.t3mx, f1, -(r.t3mg * g1));
    const T q3 = fma(r.t3c1, z, r.t3c0);
    const T f2Squared = f2 * f2;
    // q0 + q1·f2 + f2²·(q2 + q3·f2 + q4·f2²)
    const T upper = fma(r.q4, f2Squared, fma(q3, f2, q2));
    const T zNext = fma(f2Squared, upper, fma(q1, f2, q0));
    const T u0 = fma(r.ux, f1, fma(r.ug, g1, u));
    const T u1 = fma(r.u1c1, z, r.u1c0);
    u = fma(r.u2, f2Squared, fma(u1, f2, u0));
    z = zNext;
}

} // namespace izh
