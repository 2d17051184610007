// SPDX-License-Identifier: GPL-3.0-or-later
// fusedMultiplyAdd (core/integrate/fused_multiply_add.h), the exact emulation of a
// fused multiply-add that rk4 runs on CPUs without FMA instructions, against
// libm's fma (correctly rounded by glibc's own implementation; on this
// machine the FMA instruction): every result must have the same bits, on the
// cases that break naive emulations (cancellation, ties, products that round
// across a power of two) and on every kind of operand the fast path refuses.
#include "core/integrate/fused_multiply_add.h"

#include <QDebug>
#include <QTest>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>

using namespace izh;

namespace {

// Exact, unlike %g: std::printf's hexadecimal form.
QByteArray hexText(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%a", x);
    return text;
}

bool sameBits(double x, double y) {
    return (std::isnan(x) && std::isnan(y)) ||
           std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
}

// Counts disagreements, printing the first few.
struct Checker {
    long cases = 0, wrong = 0;
    void check(double a, double b, double c) {
        ++cases;
        const double emulated = fusedMultiplyAdd(a, b, c), reference = std::fma(a, b, c);
        if (!sameBits(emulated, reference) && ++wrong <= 5)
            qWarning().noquote() << "fma(" << hexText(a) << "," << hexText(b) << ","
                                 << hexText(c) << "): emulated" << hexText(emulated) << "libm"
                                 << hexText(reference);
    }
};

} // namespace

class TestFusedMultiplyAdd : public QObject {
    Q_OBJECT

private slots:
    void agreesWithLibmOnHardCases() {
        std::mt19937_64 rng(2026);
        std::uniform_real_distribution<double> significand(1.0, 2.0);
        std::uniform_int_distribution<int> exponent(-60, 60), sign(0, 1), kind(0, 5), units(-8, 8);
        auto randomDouble = [&] {
            return std::ldexp(significand(rng), exponent(rng)) * (sign(rng) ? -1 : 1);
        };
        Checker checker;
        for (int i = 0; i < 3'000'000; ++i) {
            double a = randomDouble(), b = randomDouble(), c = 0;
            const double product = a * b;
            switch (kind(rng)) {
            case 0: c = randomDouble(); break;
            case 1: c = -product; break; // the result is the product's rounding error
            case 2: c = -product + std::ldexp(product, -52) * units(rng); break; // near cancellation
            case 3: // c near half a unit of the product's last place: ties and near-ties
                c = std::ldexp(product, -53 + units(rng)) * (sign(rng) ? -1 : 1);
                break;
            case 4: // short significands: exact products, exact ties
                a = std::ldexp(static_cast<double>(rng() >> 38), exponent(rng));
                b = std::ldexp(static_cast<double>(rng() >> 38) + 1, exponent(rng));
                c = std::ldexp(a * b, -54) * (sign(rng) ? 1 : -1) *
                    (1 + std::ldexp(static_cast<double>(units(rng)), -52));
                break;
            default: c = 0; break; // rk4's plain coordinate has zero constants
            }
            checker.check(a, b, c);
        }
        QCOMPARE(checker.wrong, 0L);
    }

    void agreesWithLibmOnAnyBitPattern() {
        // Any exponent: the fast path's edges and everything it refuses
        // (subnormals, extremes, infinities, NaN) go to libm.
        std::mt19937_64 rng(7);
        Checker checker;
        for (int i = 0; i < 1'000'000; ++i)
            checker.check(std::bit_cast<double>(rng()), std::bit_cast<double>(rng()),
                          std::bit_cast<double>(rng()));
        std::uniform_int_distribution<int> nearEdge(-1100, 1100);
        for (int i = 0; i < 1'000'000; ++i)
            checker.check(std::ldexp(1.0 + std::ldexp(static_cast<double>(rng() >> 12), -52),
                                     nearEdge(rng) / 2),
                          std::ldexp(1.5, nearEdge(rng) / 2), std::ldexp(-1.25, nearEdge(rng)));
        QCOMPARE(checker.wrong, 0L);
    }

    void lanesAgreeWithLibm() {
        // The vector form (the batch engine's baseline path): the hard cases
        // lane by lane, with now and then one lane the fast path refuses.
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> significand(1.0, 2.0);
        std::uniform_int_distribution<int> exponent(-60, 60), sign(0, 1), units(-8, 8), odd(0, 99);
        long wrong = 0;
        for (int i = 0; i < 500'000; ++i) {
            FourDoubles a, b, c, out;
            for (int lane = 0; lane < 4; ++lane) {
                a[lane] = std::ldexp(significand(rng), exponent(rng)) * (sign(rng) ? -1 : 1);
                b[lane] = std::ldexp(significand(rng), exponent(rng)) * (sign(rng) ? -1 : 1);
                const double product = a[lane] * b[lane];
                c[lane] = lane == 0   ? -product
                          : lane == 1 ? std::ldexp(product, -53 + units(rng))
                          : lane == 2 ? 0.0
                                      : -product + std::ldexp(product, -52) * units(rng);
            }
            if (odd(rng) == 0)
                b[odd(rng) % 4] = odd(rng) % 2 ? 0.0 : 0x1p-1070; // refused: zero, subnormal
            fusedMultiplyAddLanes(out, a, b, c);
            for (int lane = 0; lane < 4; ++lane)
                wrong += !sameBits(out[lane], std::fma(a[lane], b[lane], c[lane]));
        }
        QCOMPARE(wrong, 0L);
    }

    void signedZerosAndSpecialValues() {
        const double inf = std::numeric_limits<double>::infinity();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double values[] = {0.0, -0.0, 1.0, -1.0, 0x1p-400, 0x1p400, 0x1p-1074, 0x1p1023,
                                 inf, -inf, nan, 3.0, -0x1.8p-3};
        Checker checker;
        for (double a : values)
            for (double b : values)
                for (double c : values)
                    checker.check(a, b, c);
        QCOMPARE(checker.wrong, 0L);
        // An exact zero from nonzero terms is +0 under round-to-nearest.
        QVERIFY(!std::signbit(fusedMultiplyAdd(2.0, 3.0, -6.0)));
        QVERIFY(std::signbit(fusedMultiplyAdd(-0.0, 1.0, -0.0)));
    }
};

QTEST_GUILESS_MAIN(TestFusedMultiplyAdd)
#include "test_fused_multiply_add.moc"
