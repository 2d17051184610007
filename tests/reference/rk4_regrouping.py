#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The regrouped RK4 step of core/rk4_terms.{h,cpp} is classic RK4, exactly.

RK4Scheme (core/integrate/fixed_step_schemes.h) does not evaluate the four stages one
after another: it evaluates v' as a quartic in the second stage's slope f2,
with coefficients folded into constants (RK4Terms), in a shifted state
coordinate z. This script transcribes those constants and that step with
symbols instead of doubles and checks, in exact arithmetic (sympy), that the
result equals the textbook RK4 step for every model, input and step size:
for the shifted coordinate (z = sqrt(p2)*(v + p1/(2*p2))) and the plain one
(z = v). Exits 0 when both identities hold.
"""
import sys

import sympy as sp

p2, p1, p0, a, b, vb, e, h, I, v, u = sp.symbols("p2 p1 p0 a b vb e h I v u", real=True)
P2 = sp.symbols("P2", positive=True)  # p2 where the shifted coordinate needs sqrt(p2)


def textbook(p2):
    def f(v, u):
        return p2 * v**2 + p1 * v + p0 + I - u

    def g(v, u):
        return a * (b * (v - vb) - e * u)

    f1, g1 = f(v, u), g(v, u)
    f2, g2 = f(v + h / 2 * f1, u + h / 2 * g1), g(v + h / 2 * f1, u + h / 2 * g1)
    f3, g3 = f(v + h / 2 * f2, u + h / 2 * g2), g(v + h / 2 * f2, u + h / 2 * g2)
    f4, g4 = f(v + h * f3, u + h * g3), g(v + h * f3, u + h * g3)
    return (v + h / 6 * (f1 + 2 * f2 + 2 * f3 + f4), u + h / 6 * (g1 + 2 * g2 + 2 * g3 + g4))


def regrouped(p2, shifted):
    """RK4Terms(m, h) and rk4Step, operation for operation, fma(x, y, z) = x*y + z."""
    if shifted:
        zScale, zShift = sp.sqrt(p2), p1 / (2 * p2)
        vFromZ = 1 / zScale
    else:
        zScale, zShift, vFromZ = 1, 0, 1
    A, B, S = vFromZ, -zShift, zScale

    def inZ(c0, c1):
        return (c0 + c1 * B, c1 * A)

    h2v, h6 = h / 2, h / 6
    al, beV = a * b, a * e
    ga = al * vb
    g2k, alh2, beh2, h6h = 1 - beV * h2v, al * h2v, beV * h2v, h6 * h
    mx, mg = 1 - h2v * alh2, h2v * g2k
    gw, h6alh = h6 * (2 - beV * h), h6 * al * h
    kg, kx = h6h * (1 - beh2 * g2k), 2 * h6 + h6h * beh2 * alh2
    c2v, h6c4 = p2 * (h2v * h2v), h6 * (p2 * (h * h))
    baseF2 = 2 * h6 - h6h * alh2
    t1, t2, t3 = 2 * h6c4 * mg, 2 * h6c4 * mx, 2 * h6c4 * c2v
    s2 = inZ(h2v * p1, h * p2)
    s4 = inZ(h6 * (2 + h * p1), 2 * h6 * h * p2)

    p0z = p0 - p2 * zShift**2 if shifted else p0
    alz, be, gaz = al * A, beV, ga - al * B
    b2c0, b2c1, c2, h2 = 1 + s2[0], s2[1], c2v, h2v
    kap0, kap1 = S * (kg + mg * s4[0]), S * (mg * s4[1])
    r0g = S * (h6c4 * mg * mg)
    r1g = 2 * h6c4 * mx * mg
    r1c0, r1z, r1u = S * ((kx + mx * s4[0]) + r1g * gaz), S * (mx * s4[1] - r1g * alz), S * (r1g * be)
    r2 = S * (h6c4 * mx * mx)
    pc0, pc1, pc2 = S * (baseF2 + s2[0] * s4[0]), S * (s2[0] * s4[1] + s2[1] * s4[0]), S * (s2[1] * s4[1])
    t1c0, t1c1, t2c0, t2c1 = S * t1 * s2[0], S * t1 * s2[1], S * t2 * s2[0], S * t2 * s2[1]
    qc0 = S * (c2v * s4[0] + h6c4 * (s2[0] * s2[0]))
    qc1 = S * (c2v * s4[1] + 2 * h6c4 * (s2[0] * s2[1]))
    qc2 = S * (h6c4 * (s2[1] * s2[1]))
    t3mx, t3mg, t3c0, t3c1 = S * t3 * mx, S * t3 * mg, S * t3 * s2[0], S * t3 * s2[1]
    q4 = S * (h6c4 * c2v * c2v)
    ug = h6 * (2 + 2 * g2k) + gw * (1 - beh2 * g2k) - h6alh * mg
    ux = 2 * h6 * alh2 - gw * beh2 * alh2 + h6alh * mx
    u1c0, u1c1, u2 = gw * alh2 + h6alh * s2[0], h6alh * s2[1], h6alh * c2v

    z = zScale * (v + zShift)  # toState
    w = (p0z + I) - u
    gu = be * u + gaz
    f1 = z * z + w if shifted else (p2 * z) * z + (p1 * z + w)
    b2 = b2c1 * z + b2c0
    g1 = alz * z - gu
    f2 = f1 * (c2 * f1 + b2) - h2 * g1
    r1 = r1u * u + (r1z * z + r1c0)
    kappa = kap1 * z + kap0
    q0 = (r1 * f1 + (-kappa * g1 + z)) + (r0g * (g1 * g1) + r2 * (f1 * f1))
    p = pc2 * (z * z) + (pc1 * z + pc0)
    q1 = (t2c1 * z + t2c0) * f1 + (-(t1c1 * z + t1c0) * g1 + p)
    q2 = (qc2 * (z * z) + (qc1 * z + qc0)) + (t3mx * f1 - t3mg * g1)
    q3 = t3c1 * z + t3c0
    upper = q4 * f2**2 + (q3 * f2 + q2)
    zNext = f2**2 * upper + (q1 * f2 + q0)
    uNext = u2 * f2**2 + ((u1c1 * z + u1c0) * f2 + (ux * f1 + (ug * g1 + u)))
    return (vFromZ * zNext - zShift, uNext)  # toV


def check(label, p2):
    ok = True
    for (name, mine, reference) in zip(("v'", "u'"), regrouped(p2, label == "shifted"), textbook(p2)):
        difference = sp.expand(mine - reference)
        print(f"{label}: {name} - textbook RK4 = {difference}")
        ok = ok and difference == 0
    return ok


if __name__ == "__main__":
    results = [check("plain", p2), check("shifted", P2)]
    sys.exit(0 if all(results) else 1)
