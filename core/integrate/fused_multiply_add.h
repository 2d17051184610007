// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace izh {

// a·b + c rounded once (IEEE 754 fusedMultiplyAdd) in code compiled without
// FMA instructions: the x86-64 baseline, for CPUs that lack them. libm's fma
// gives the same result but takes ~100 ns there (it switches the rounding
// mode, twice); this takes about thirty plain operations.
//
// Boldo & Melquiond, "Emulation of a FMA and correctly rounded sums: proved
// algorithms using rounding to odd", IEEE Trans. Computers 57(4), 2008:
//   uh + ul = a·b exactly (Dekker's product with Veltkamp's split),
//   th + tl = c + uh exactly (Knuth's two-sum),
//   v = tl + ul rounded to odd, and the result th + v rounded to nearest,
// which is a·b + c rounded to nearest when nothing overflows or underflows.
// The fast path admits only operands that guarantee that (every intermediate
// stays far inside the normal range); zeros of a or b, infinities, NaN and
// extreme magnitudes go to libm. Relies on -ffp-contract=off (CMakeLists.txt):
// a contracted product would break the exact transformations.
namespace fma_detail {

// The fast path's operands: |a|, |b| within [kFactorLowest, kFactorHighest],
// c zero or |c| within [kAddendLowest, kAddendHighest]. Then |a·b| and |c|
// are at most 2^800, and every nonzero intermediate a multiple of at least
// 2^-906: no overflow, no subnormal anywhere.
constexpr double kFactorLowest = 0x1p-400, kFactorHighest = 0x1p400;
constexpr double kAddendLowest = 0x1p-800, kAddendHighest = 0x1p800;
constexpr double kSplit = 134217729.0; // Veltkamp's 2^27 + 1: halves of 26 and 27 bits

struct Sum {
    double high, low; // high = RN(x + y), high + low = x + y exactly
};

inline Sum twoSum(double x, double y) {
    const double s = x + y;
    const double yPart = s - x;
    return {s, (x - (s - yPart)) + (y - yPart)};
}

inline Sum twoProduct(double x, double y) {
    const double tx = kSplit * x, xHigh = tx - (tx - x), xLow = x - xHigh;
    const double ty = kSplit * y, yHigh = ty - (ty - y), yLow = y - yHigh;
    const double p = x * y;
    return {p, (((xHigh * yHigh - p) + xHigh * yLow) + xLow * yHigh) + xLow * yLow};
}

// x + y rounded to odd: rounded to nearest, then, if that was inexact and
// landed on an even significand, moved one unit to the odd neighbour on the
// side of the exact sum (one step of the magnitude's bit pattern: up when the
// error has the sum's sign). Without a branch: which way it goes is data,
// and a mispredicted branch here cost more than the arithmetic.
inline double addRoundedToOdd(double x, double y) {
    const Sum s = twoSum(x, y);
    const auto bits = std::bit_cast<std::uint64_t>(s.high);
    const auto errorBits = std::bit_cast<std::uint64_t>(s.low);
    const std::uint64_t inexactAndEven = static_cast<std::uint64_t>(s.low != 0) & ~bits & 1;
    const std::uint64_t sameSign = ((bits ^ errorBits) >> 63) ^ 1;
    return std::bit_cast<double>(bits + inexactAndEven * (2 * sameSign - 1)); // ±1 or 0
}

inline bool magnitudeWithin(double x, double lowest, double highest) {
    const double m = std::fabs(x);
    return m >= lowest && m <= highest; // false for NaN
}

} // namespace fma_detail

// Always inlined: a call would make the caller save every live vector
// register around it (all are caller-saved), in loops that hold dozens.
[[gnu::always_inline]] inline double fusedMultiplyAdd(double a, double b, double c) {
#if defined(__FP_FAST_FMA)
    return std::fma(a, b, c); // an instruction on this build's baseline (e.g. aarch64)
#else
    using namespace fma_detail;
    const bool fast = magnitudeWithin(a, kFactorLowest, kFactorHighest) &&
                      magnitudeWithin(b, kFactorLowest, kFactorHighest) &&
                      (c == 0 || magnitudeWithin(c, kAddendLowest, kAddendHighest));
    if (!fast) [[unlikely]]
        return std::fma(a, b, c);
    const Sum product = twoProduct(a, b);
    const Sum sum = twoSum(c, product.high);
    return sum.high + addRoundedToOdd(sum.low, product.low);
#endif
}

// Four doubles, as the batch engine's vectors (one AVX register, two SSE2).
using FourDoubles = double __attribute__((vector_size(32)));

// fusedMultiplyAdd lane by lane (the batch engine's baseline path): the same
// operations on whole vectors, so its SSE2 code runs two lanes per
// instruction instead of one emulation per lane. A lane outside the fast
// path's range sends the vector to the scalar form. (Out-parameter: a vector
// return would draw GCC's ABI note in every file compiled for the baseline.)
[[gnu::always_inline]] inline void fusedMultiplyAddLanes(FourDoubles& out, const FourDoubles& a,
                                                         const FourDoubles& b,
                                                         const FourDoubles& c) {
    constexpr int kLanes = 4;
#if defined(__FP_FAST_FMA)
    for (int i = 0; i < kLanes; ++i)
        out[i] = std::fma(a[i], b[i], c[i]);
#else
    using namespace fma_detail;
    using Bits = std::uint64_t __attribute__((vector_size(32)));
    const Bits magnitudeBits = ~(Bits{} + (std::uint64_t{1} << 63));
    const auto absA = reinterpret_cast<FourDoubles>(reinterpret_cast<Bits>(a) & magnitudeBits);
    const auto absB = reinterpret_cast<FourDoubles>(reinterpret_cast<Bits>(b) & magnitudeBits);
    const auto absC = reinterpret_cast<FourDoubles>(reinterpret_cast<Bits>(c) & magnitudeBits);
    // The scalar form's range, lane-wise (comparisons with NaN give 0).
    const auto fast = (absA >= kFactorLowest) & (absA <= kFactorHighest) &
                      (absB >= kFactorLowest) & (absB <= kFactorHighest) &
                      ((absC == 0) | ((absC >= kAddendLowest) & (absC <= kAddendHighest)));
    if (!(fast[0] && fast[1] && fast[2] && fast[3])) [[unlikely]] {
        for (int i = 0; i < kLanes; ++i)
            out[i] = fusedMultiplyAdd(a[i], b[i], c[i]);
        return;
    }
    // twoProduct, twoSum and addRoundedToOdd, on whole vectors.
    const FourDoubles ta = kSplit * a, aHigh = ta - (ta - a), aLow = a - aHigh;
    const FourDoubles tb = kSplit * b, bHigh = tb - (tb - b), bLow = b - bHigh;
    const FourDoubles product = a * b;
    const FourDoubles productError =
        (((aHigh * bHigh - product) + aHigh * bLow) + aLow * bHigh) + aLow * bLow;
    const FourDoubles sum = c + product, productPart = sum - c;
    const FourDoubles sumError = (c - (sum - productPart)) + (product - productPart);
    const FourDoubles odd = sumError + productError, errorPart = odd - sumError;
    const FourDoubles oddError = (sumError - (odd - errorPart)) + (productError - errorPart);
    const auto bits = reinterpret_cast<Bits>(odd), errorBits = reinterpret_cast<Bits>(oddError);
    const Bits inexactAndEven = reinterpret_cast<Bits>(oddError != 0) & ~bits & 1;
    const Bits sameSign = ((bits ^ errorBits) >> 63) ^ 1;
    out = sum + reinterpret_cast<FourDoubles>(bits + inexactAndEven * (2 * sameSign - 1));
#endif
}

} // namespace izh
