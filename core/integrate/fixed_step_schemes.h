// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/rk4_terms.h"
#include "core/model/model_parameters.h"

namespace izh {

// Per-run constants of the model, hoisted out of the step loop.
struct StepConstants {
    double p2, p1, p0, a, b, vb, e, c, d, vpeak;
    double dt, halfDt, dtA;
    // v + h·(p2·v² + p1·v + K) = (h·p2·v + (1 + h·p1))·v + h·K for the half
    // steps: Horner form, four dependent operations instead of eight.
    double halfA, halfB;
    // u + dt·a·(b·(v − vb) − e·u) = uKeep·u + uOffset + uFromV·v: v enters last,
    // two dependent operations after it.
    double uKeep, uOffset, uFromV;
    RK4Terms rk4; // RK4Scheme's regrouped terms (left default without withRK4Terms)

    // The rk4 terms cost a bisection and some forty products: built only for
    // runs that use them (the batch engine builds constants for every cell).
    StepConstants(const ModelParameters& m, double step, bool withRK4Terms = true)
        : p2(m.p2), p1(m.p1), p0(m.p0), a(m.a), b(m.b), vb(m.vb), e(m.e), c(m.c), d(m.d),
          vpeak(m.vpeak), dt(step), halfDt(0.5 * step), dtA(step * m.a),
          halfA(0.5 * step * m.p2), halfB(1.0 + 0.5 * step * m.p1),
          uKeep(1.0 - step * m.a * m.e), uOffset(-step * m.a * m.b * m.vb),
          uFromV(step * m.a * m.b), rk4(withRK4Terms ? RK4Terms(m, step) : RK4Terms{}) {}

    // Written in the published scripts' operation order, 0.04*V^2+5*V+140-u+I,
    // so that with -ffp-contract=off the figures reproduce to the bit.
    double dv(double v, double u, double current) const {
        return p2 * (v * v) + p1 * v + p0 - u + current;
    }
    // a·(b·(v − vb) − e·u) without the factor a, which the schemes fold into dt·a
    // exactly as the scripts' tau*a*(b*V-u) does.
    double duOverA(double v, double u) const { return b * (v - vb) - e * u; }
};

// Each scheme advances (v, u) by one step of dt with I held at I(t_k) (docs/integrators.md#fixed-step-conventions).
// The single-neuron loop is latency-bound (each step depends on the last), so
// the schemes without a reference to match bit for bit (half-step, rk4) are
// regrouped to shorten that dependency chain; euler and semi-implicit keep
// Brian2's and the MATLAB scripts' operation order.

// A scheme's state is (z, u), with v a function of z: the identity for all
// but the shifted RK4, whose z makes its first slope cheaper to form.
struct StateIsV {
    static constexpr bool kUsesRK4Terms = false;
    static constexpr bool kUsesFma = false; // operations as the references round them
    static double toState(const StepConstants&, double v) { return v; }
    static double toV(const StepConstants&, double z) { return z; }
    // v ≥ vpeak, or NaN.
    static bool reachesPeak(const StepConstants& k, double v) { return !(v < k.vpeak); }
};

// Forward Euler, both derivatives at the step's start, in the operation
// order of the code Brian2 generates for the model (method 'euler'):
//   _u = (dt*(a*((b*v) - u))) + u
//   _v = (dt*((140.0 + ((I + (0.04*v**2)) + (5.0*v))) - u)) + v
// so that with IEEE arithmetic a run reproduces Brian2's to the bit (v**2 is
// pow(v, 2), which glibc rounds correctly, as v*v is). StandardRecovery as
// for the semi-implicit scheme.
template <bool StandardRecovery> struct EulerScheme : StateIsV {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const double vNew = k.dt * ((k.p0 + ((current + k.p2 * (v * v)) + k.p1 * v)) - u) + v;
        if constexpr (StandardRecovery)
            u = k.dt * (k.a * (k.b * v - u)) + u;
        else
            u = k.dt * (k.a * k.duOverA(v, u)) + u;
        v = vNew;
    }
};

// The published MATLAB scripts: v first, then u with the new v; operation for
// operation as the scripts write it, so the figures reproduce to the bit.
// StandardRecovery (vb = 0, e = 1, the scripts' b*V-u) drops v − 0 and 1·u,
// which are exact, to keep u off the critical path: same bits, faster.
template <bool StandardRecovery> struct SemiImplicitScheme : StateIsV {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        v = v + k.dt * k.dv(v, u, current);
        if constexpr (StandardRecovery)
            u = u + k.dtA * (k.b * v - u);
        else
            u = u + k.dtA * k.duOverA(v, u);
    }
};

// The 2003 network code: two v half-steps with the old u, then u with the new v.
struct HalfStepScheme : StateIsV {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const double drive = k.halfDt * (k.p0 + current - u); // u is fixed for both halves
        v = (k.halfA * v + k.halfB) * v + drive;
        v = (k.halfA * v + k.halfB) * v + drive;
        u = (k.uKeep * u + k.uOffset) + k.uFromV * v;
    }
};

// Classic fourth-order Runge–Kutta with I constant over the step: stages
// k_i = (f_i, g_i) at (v, u) + c·k_{i−1}, combined with weights 1 2 2 1.
// Stage after stage, its dependency chain is ~80 cycles a step. Because f is
// quadratic and g linear,
//   f(v + c·k, u + c·m) = f1 − c·m + c·(2·p2·v + p1)·k + p2·c²·k²,
// so f2 is a quadratic in f1, f3 one in f2, and v' = v + h/6·(f1 + 2f2 + 2f3 + f4)
// a quartic in f2 whose coefficients q0…q4 depend only on v, u, g1 and f1
// (RK4Terms). They are formed while f2 is, and the quartic is evaluated as
// (q0 + q1·f2) + f2²·((q2 + q3·f2) + q4·f2²). With the state in
// the shifted coordinate z (RK4Terms), f1 = z² + p0z + I − u is one fused
// multiply-add, and the chain from z to z' is eight dependent operations
// (rk4Step) where the textbook form has about twenty-seven. u' is the matching
// quadratic in f2. Algebraically RK4 (tests/reference/rk4_regrouping.py checks
// the identity in exact arithmetic); it differs from the textbook form in
// rounding only, and being correctly rounded, its fused multiply-adds give the
// same bits on every CPU (with or without FMA instructions).
// Shifted requires RK4Terms::usesShift(model).
template <bool Shifted> struct RK4Scheme {
    static constexpr bool kUsesRK4Terms = true;
    static constexpr bool kUsesFma = true;
    static double toState(const StepConstants& k, double v) { return k.rk4.toState(v); }
    static double toV(const StepConstants& k, double z) { return k.rk4.toV(z); }
    // toV(z) ≥ vpeak, or NaN, without forming toV(z).
    static bool reachesPeak(const StepConstants& k, double z) { return !(z < k.rk4.zPeak); }
    // Always inlined: advanceBlockFma is compiled for FMA, and an out-of-line
    // copy would not be.
    template <class Fma = PortableFma>
    [[gnu::always_inline]] static void step(const StepConstants& k, double& z, double& u,
                                            double current, Fma fma = {}) {
        rk4Step<Shifted>(k.rk4, z, u, k.rk4.p0z + current, fma);
    }
};

} // namespace izh
