#pragma once

#include "model_parameters.h"

namespace izh {

// Per-run constants of the model, hoisted out of the step loop.
struct StepConstants {
    double p2, p1, p0, a, b, vb, e, c, d, vpeak;
    double dt, halfDt, dtA;

    StepConstants(const ModelParameters& m, double step)
        : p2(m.p2), p1(m.p1), p0(m.p0), a(m.a), b(m.b), vb(m.vb), e(m.e), c(m.c), d(m.d),
          vpeak(m.vpeak), dt(step), halfDt(0.5 * step), dtA(step * m.a) {}

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
struct EulerScheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const double vOld = v;
        v = v + k.dt * k.dv(vOld, u, current);
        u = u + k.dtA * k.duOverA(vOld, u);
    }
};

struct SemiImplicitScheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        v = v + k.dt * k.dv(v, u, current);
        u = u + k.dtA * k.duOverA(v, u);
    }
};

struct HalfStepScheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        v = v + k.halfDt * k.dv(v, u, current);
        v = v + k.halfDt * k.dv(v, u, current);
        u = u + k.dtA * k.duOverA(v, u);
    }
};

struct RK4Scheme {
    static void step(const StepConstants& k, double& v, double& u, double current) {
        const double h = k.dt, h2 = k.halfDt;
        const double v1 = k.dv(v, u, current), u1 = k.a * k.duOverA(v, u);
        const double v2 = k.dv(v + h2 * v1, u + h2 * u1, current);
        const double u2 = k.a * k.duOverA(v + h2 * v1, u + h2 * u1);
        const double v3 = k.dv(v + h2 * v2, u + h2 * u2, current);
        const double u3 = k.a * k.duOverA(v + h2 * v2, u + h2 * u2);
        const double v4 = k.dv(v + h * v3, u + h * u3, current);
        const double u4 = k.a * k.duOverA(v + h * v3, u + h * u3);
        v = v + h / 6.0 * (v1 + 2.0 * v2 + 2.0 * v3 + v4);
        u = u + h / 6.0 * (u1 + 2.0 * u2 + 2.0 * u3 + u4);
    }
};

} // namespace izh
