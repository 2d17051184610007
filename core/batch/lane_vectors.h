// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// GCC notes that 32-byte vectors returned by builtins in code compiled for
// the baseline would change the ABI; the helpers of the batch kernels are
// always inlined into their AVX functions and no vector crosses a call, so
// the note is moot.
#pragma GCC diagnostic ignored "-Wpsabi"

#include "core/integrate/fused_multiply_add.h"

#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define IZH_BATCH_X86 1
#else
#define IZH_BATCH_X86 0
#endif

// The lane vectors of the batch engine: four doubles, one neuron each, and
// the few operations on them that the generic vector syntax does not spell.
namespace izh::batch {

// Four doubles per vector: one AVX register, or two SSE2 registers on the
// baseline path (GCC lowers the generic vector operations).
using V = double __attribute__((vector_size(32)));
using M = long long __attribute__((vector_size(32)));
inline constexpr int kLanes = 4;

// The instruction sets a group kernel is compiled for (chosen at run time).
enum class Isa { Sse2, Avx2, Avx512 };

// mask ? a : b lane-wise, as bit operations (lowered well on every path).
[[gnu::always_inline]] inline void select(V& out, const M& mask, const V& a, const V& b) {
    out = reinterpret_cast<V>((reinterpret_cast<M>(a) & mask) | (reinterpret_cast<M>(b) & ~mask));
}

// One bit per lane of a mask (lane i → bit i).
template <Isa isa> [[gnu::always_inline]] inline std::uint32_t laneBits(const M& mask) {
#if IZH_BATCH_X86
    if constexpr (isa != Isa::Sse2) // a builtin, expanded only where inlined into AVX2 code
        return static_cast<std::uint32_t>(
            __builtin_ia32_movmskpd256(reinterpret_cast<__m256d>(mask)));
#endif
    std::uint32_t bits = 0;
    for (int i = 0; i < kLanes; ++i)
        bits |= static_cast<std::uint32_t>(mask[i] != 0) << i;
    return bits;
}

template <Isa isa> [[gnu::always_inline]] inline bool anyLane(const M& mask) {
    // Generic code: GCC's always_inline rules forbid AVX intrinsics in a
    // function not itself compiled for AVX, and this one is shared.
    using H = long long __attribute__((vector_size(16)));
    const H low = {mask[0], mask[1]}, high = {mask[2], mask[3]};
#if IZH_BATCH_X86
    if constexpr (isa != Isa::Sse2) // vptest: one instruction to the flags (a builtin, as in laneBits)
        return !__builtin_ia32_ptestz256(reinterpret_cast<__m256i>(mask),
                                         reinterpret_cast<__m256i>(mask));
    else
        return _mm_movemask_pd(reinterpret_cast<__m128d>(low | high)) != 0;
#endif
    const H both = low | high;
    return (both[0] | both[1]) != 0;
}

// fusedMultiplyAddLanes (fused_multiply_add.h), out of line: the baseline
// path's rk4 makes 41 of them per step in each of eight unrolled vectors,
// and the emulation inlined at every one made a single translation unit
// take minutes and gigabytes to compile.
void emulatedLaneFma(V& out, const V& a, const V& b, const V& c);

// a·b + c with one rounding in each lane: the scalar code's fused multiply-
// add, bit for bit. One instruction on the AVX paths (compiled for FMA;
// resolveSimdPath requires it), the exact emulation on whole vectors on the
// baseline path.
template <Isa isa> struct LaneFma {
    [[gnu::always_inline]] inline V operator()(const V& a, const V& b, const V& c) const {
#if IZH_BATCH_X86
        if constexpr (isa != Isa::Sse2) // a builtin, expanded only where inlined into FMA code
            return __builtin_ia32_vfmaddpd256(a, b, c);
        else
#endif
        {
            V out;
            emulatedLaneFma(out, a, b, c);
            return out;
        }
    }
};

} // namespace izh::batch
