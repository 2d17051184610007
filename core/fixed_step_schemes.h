#pragma once

#include "model_parameters.h"

namespace izh {

// Per-run constants of the model, hoisted out of the step loop.
struct StepConstants {
    double p2, p1, p0, a, b, vb, e, c, d, vpeak;
    double dt, halfDt, dtA;
    // v + h·(p2·v² + p1·v + K) = (h·p2·v + (1 + h·p1))·v + h·K: Horner form,
    // four dependent operations per step instead of eight.
    double eulerA, eulerB, halfA, halfB;
    // u + dt·a·(b·(v − vb) − e·u) = uKeep·u + uOffset + uFromV·v: v enters last,
    // two dependent operations after it.
    double uKeep, uOffset, uFromV;

    StepConstants(const ModelParameters& m, double step)
        : p2(m.p2), p1(m.p1), p0(m.p0), a(m.a), b(m.b), vb(m.vb), e(m.e), c(m.c), d(m.d),
          vpeak(m.vpeak), dt(step), halfDt(0.5 * step), dtA(step * m.a), eulerA(step * m.p2),
          eulerB(1.0 + step * m.p1), halfA(0.5 * step * m.p2), halfB(1.0 + 0.5 * step * m.p1),
          uKeep(1.0 - step * m.a * m.e), uOffset(-step * m.a * m.b * m.vb),
          uFromV(step * m.a * m.b) {}

    // Written in the published scripts' operation order, 0.04*V^2+5*V+140-u+I,
    // so that with -ffp-contract=off the figures reproduce to the bit.
    double dv(double v, double u, double current) const {
        return p2 * (v * v) + p1 * v + p0 - u + current;
    }
    // a·(b·(v − vb) − e·u) without the factor a, which the schemes fold into dt·a
    // exactly as the scripts' tau*a*(b*V-u) does.
    double duOverA(double v, double u) const { return b * (v - vb) - e * u; }
};

// Each scheme advances (v, u) by one step of dt with I held at I(t_k) (SPEC §3).
// The single-neuron loop is latency-bound (each step depends on the last), so
// the schemes without a published reference to match bit for bit are written
// in Horner form to shorten that dependency chain.

// NEST's and Brian2's forward Euler: both derivatives at the step's start.
struct EulerScheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const double drive = k.dt * (k.p0 + current - u);
        const double vNew = (k.eulerA * v + k.eulerB) * v + drive;
        u = u + k.dtA * k.duOverA(v, u);
        v = vNew;
    }
};

// The published MATLAB scripts: v first, then u with the new v; operation for
// operation as the scripts write it, so the figures reproduce to the bit.
// StandardRecovery (vb = 0, e = 1, the scripts' b*V-u) drops v − 0 and 1·u,
// which are exact, to keep u off the critical path: same bits, faster.
template <bool StandardRecovery> struct SemiImplicitScheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        v = v + k.dt * k.dv(v, u, current);
        if constexpr (StandardRecovery)
            u = u + k.dtA * (k.b * v - u);
        else
            u = u + k.dtA * k.duOverA(v, u);
    }
};

// The 2003 network code: two v half-steps with the old u, then u with the new v.
struct HalfStepScheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const double drive = k.halfDt * (k.p0 + current - u); // u is fixed for both halves
        v = (k.halfA * v + k.halfB) * v + drive;
        v = (k.halfA * v + k.halfB) * v + drive;
        u = (k.uKeep * u + k.uOffset) + k.uFromV * v;
    }
};

// Classic fourth-order Runge–Kutta with I constant over the step.
struct RK4Scheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const double h = k.dt, h2 = k.halfDt;
        const double j = k.p0 + current;
        // f(v, u) = (p2·v + p1)·v + (p0 + I) − u,  g(v, u) = a·(b·(v − vb) − e·u)
        auto f = [&](double vs, double us) { return (k.p2 * vs + k.p1) * vs + (j - us); };
        auto g = [&](double vs, double us) { return k.a * k.duOverA(vs, us); };
        const double f1 = f(v, u), g1 = g(v, u);
        const double v2 = v + h2 * f1, u2 = u + h2 * g1;
        const double f2 = f(v2, u2), g2 = g(v2, u2);
        const double v3 = v + h2 * f2, u3 = u + h2 * g2;
        const double f3 = f(v3, u3), g3 = g(v3, u3);
        const double v4 = v + h * f3, u4 = u + h * g3;
        const double f4 = f(v4, u4), g4 = g(v4, u4);
        v = v + (h / 6.0) * ((f1 + 2.0 * f2) + (2.0 * f3 + f4));
        u = u + (h / 6.0) * ((g1 + 2.0 * g2) + (2.0 * g3 + g4));
    }
};

} // namespace izh
