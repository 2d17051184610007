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
    // RK4's stages reassociated (see RK4Scheme): constants of the run.
    struct RK4Terms {
        double al, be, ga;             // a·b, a·e, a·b·vb: g = al·v − be·u − ga
        double b2c0, hp2x2, s2c0;      // 1 + h/2·p1, h·p2 (= 2·(h/2)·p2), h/2·p1
        double s4c0, s4c1;             // h/6·(2 + h·p1), h/6·2h·p2
        double c2, h6c4;               // p2·(h/2)², h/6·p2·h²
        double g2k, alh2, beh2;        // 1 − be·h/2, al·h/2, be·h/2
        double h6, h6h, baseF2;        // h/6, h/6·h, 2·h/6 − h/6·h·al·h/2
        double gw, gwalh2, h6alh;      // h/6·(2 − be·h), gw·al·h/2, h/6·al·h
    } rk4;

    StepConstants(const ModelParameters& m, double step)
        : p2(m.p2), p1(m.p1), p0(m.p0), a(m.a), b(m.b), vb(m.vb), e(m.e), c(m.c), d(m.d),
          vpeak(m.vpeak), dt(step), halfDt(0.5 * step), dtA(step * m.a), eulerA(step * m.p2),
          eulerB(1.0 + step * m.p1), halfA(0.5 * step * m.p2), halfB(1.0 + 0.5 * step * m.p1),
          uKeep(1.0 - step * m.a * m.e), uOffset(-step * m.a * m.b * m.vb),
          uFromV(step * m.a * m.b) {
        const double h = step, h2 = 0.5 * step, h6 = step / 6.0;
        auto& r = rk4;
        r.al = m.a * m.b;
        r.be = m.a * m.e;
        r.ga = m.a * m.b * m.vb;
        r.b2c0 = 1.0 + h2 * m.p1;
        r.hp2x2 = 2.0 * h2 * m.p2;
        r.s2c0 = h2 * m.p1;
        r.s4c0 = h6 * (2.0 + h * m.p1);
        r.s4c1 = 2.0 * h6 * h * m.p2;
        r.c2 = m.p2 * (h2 * h2);
        r.h6c4 = h6 * (m.p2 * (h * h));
        r.g2k = 1.0 - r.be * h2;
        r.alh2 = r.al * h2;
        r.beh2 = r.be * h2;
        r.h6 = h6;
        r.h6h = h6 * h;
        r.baseF2 = 2.0 * h6 - h6 * h * r.al * h2;
        r.gw = h6 * (2.0 - r.be * h);
        r.gwalh2 = r.gw * r.al * h2;
        r.h6alh = h6 * r.al * h;
    }

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

// Classic fourth-order Runge–Kutta with I constant over the step: the four
// stages k_i = (f_i, g_i) at (v, u) + c·k_{i−1}, combined with weights 1 2 2 1.
// Written out in the usual form, stage after stage, its dependency chain is
// ~80 cycles a step. Here the same stages are reassociated: with
//   f(v + c·k, u + c·m) = f1 − c·m + c·(2·p2·v + p1)·k + p2·c²·k²
// each f_i is a quadratic in f_{i−1} (three dependent operations), the g_i
// follow their linear recurrence g_i = g1 + α·c·f_{i−1} − β·c·g_{i−1} off
// that chain, and v' and u' are gathered so that f3 feeds only a multiply and
// an add. Algebraically RK4; it differs from the textbook form in rounding only.
struct RK4Scheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const auto& r = k.rk4;
        const double h2 = k.halfDt;
        const double j = k.p0 + current;
        const double f1 = (k.p2 * v) * v + (k.p1 * v + (j - u));
        const double g1 = r.al * v - (r.be * u + r.ga);
        const double b2 = r.b2c0 + r.hp2x2 * v; // 1 + h/2·∂f/∂v (f1 folded in)
        const double s2 = r.s2c0 + r.hp2x2 * v; // h/2·∂f/∂v
        const double s4 = r.s4c0 + r.s4c1 * v;  // h/6·(2 + h·∂f/∂v)
        const double f2 = (b2 * f1 - h2 * g1) + (r.c2 * f1) * f1;
        const double g2 = r.g2k * g1 + r.alh2 * f1;
        const double f3 = ((f1 - h2 * g2) + s2 * f2) + (r.c2 * f2) * f2;
        const double g3early = g1 - r.beh2 * g2; // g3 = g3early + al·h/2·f2
        const double base = ((v + r.h6 * (2.0 * f1)) - r.h6h * g3early) + r.baseF2 * f2;
        v = (base + s4 * f3) + (r.h6c4 * f3) * f3;
        u = ((u + r.h6 * (2.0 * g1 + 2.0 * g2)) + r.gw * g3early + r.gwalh2 * f2) + r.h6alh * f3;
    }
};

} // namespace izh
