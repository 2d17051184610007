// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/batch_group.h"
#include "core/batch/lane_vectors.h"
#include "core/integrate/rk4_terms.h"

// The four fixed-step schemes, lane-wise, each in exactly the operation order
// of its scalar twin in core/integrate/fixed_step_schemes.h (see there for
// the reasons), so that every lane gives the scalar engine's bits.
namespace izh::batch {

// b·(v − vb) − e·u, the scalar StepConstants::duOverA. With vb = 0 and e = 1
// in every lane (Standard), b·v − u gives the same bits: subtracting 0 and
// multiplying by 1 are exact (the scalar SemiImplicitScheme<true> relies on
// the same identity).
template <bool Standard, class K>
[[gnu::always_inline]] inline void duOverA(V& out, const K& k, const V& v, const V& u) {
    if constexpr (Standard)
        out = k.b * v - u;
    else
        out = k.b * (v - k.vb) - k.e * u;
}

// What every scheme but RK4 shares: the state is (v, u) itself, and the
// input term is p0 + I (hoisted: the scalar code forms that sum first) or,
// for semi-implicit, I alone.
template <bool TakesCurrent> struct VecStateIsV {
    static constexpr bool kStateIsV = true;
    [[gnu::always_inline]] static inline void input(V& out, const LaneConstants& k, const V& current) {
        if constexpr (TakesCurrent)
            out = current;
        else
            out = k.p0 + current;
    }
    [[gnu::always_inline]] static inline void observe(V& out, const LaneConstants&, const V& v) {
        out = v;
    }
};

template <bool Standard> struct VecEuler : VecStateIsV<true> {
    static constexpr bool kCanShareCore = true;
    template <class K>
    [[gnu::always_inline]] static inline void step(const K& k, V& v, V& u, const V& input) {
        const V vNew = k.dt * ((k.p0 + ((input + k.p2 * (v * v)) + k.p1 * v)) - u) + v;
        V w;
        duOverA<Standard>(w, k, v, u);
        u = k.dt * (k.a * w) + u;
        v = vNew;
    }
};

// Both scalar variants: with vb = 0 and e = 1, b·(v − 0) − 1·u is b·v − u to
// the bit (the subtraction of 0 and the product by 1 are exact), so the
// general form serves every lane.
template <bool Standard> struct VecSemiImplicit : VecStateIsV<true> {
    static constexpr bool kCanShareCore = true;
    template <class K>
    [[gnu::always_inline]] static inline void step(const K& k, V& v, V& u, const V& input) {
        v = v + k.dt * (k.p2 * (v * v) + k.p1 * v + k.p0 - u + input);
        V w;
        duOverA<Standard>(w, k, v, u);
        u = u + k.dtA * w;
    }
};

template <bool Standard> struct VecHalfStep : VecStateIsV<false> {
    static constexpr bool kCanShareCore = false;
    [[gnu::always_inline]] static inline void step(const LaneConstants& k, V& v, V& u,
                                                   const V& input) {
        const V drive = k.halfDt * (input - u); // input = p0 + I
        v = (k.halfA * v + k.halfB) * v + drive;
        v = (k.halfA * v + k.halfB) * v + drive;
        u = (k.uKeep * u + k.uOffset) + k.uFromV * v;
    }
};

// The shifted form only: a group with a model outside RK4Terms::usesShift
// runs cell by cell through the scalar engine (runBatch).
template <bool Standard, Isa isa> struct VecRK4 {
    static constexpr bool kStateIsV = false;
    static constexpr bool kCanShareCore = false;
    [[gnu::always_inline]] static inline void input(V& out, const LaneConstants& k, const V& current) {
        out = k.p0z + current;
    }
    [[gnu::always_inline]] static inline void observe(V& out, const LaneConstants& k, const V& z) {
        out = k.vFromZ * z - k.zShift;
    }
    [[gnu::always_inline]] static inline void step(const LaneConstants& k, V& z, V& u,
                                                   const V& input) {
        rk4Step<true>(k, z, u, input, LaneFma<isa>{}); // input = p0z + I
    }
};

// The constants that euler and semi-implicit read, for a group whose lanes
// all share p2, p1, p0, dt and vpeak (a sweep over a, b, c, d, I, v0 or u0):
// those five are one set held in registers for the whole block, the rest are
// the vector's own. Nine constants per vector do not fit in the registers
// beside the state, so each step loads them; sharing leaves four loads
// (a or a·dt, b, c, d). Same values, same operations: the same bits.
struct SharedCore {
    V p2, p1, p0, dt, zPeak;
};

struct SharedCoreView {
    const V &p2, &p1, &p0, &dt;    // the group's (SharedCore)
    const V &a, &b, &vb, &e, &dtA; // the vector's own (LaneConstants)
};

} // namespace izh::batch
