// SPDX-License-Identifier: GPL-3.0-or-later
// Min/max per pixel column: every sample lands in exactly one column, each
// column holds the extremes of its samples, and so every spike keeps its full
// height at any zoom (docs/performance.md#budgets).
#include "core/analysis/column_envelope.h"

#include <QTest>
#include <random>

using namespace izh;

class TestColumnEnvelope : public QObject {
    Q_OBJECT

private slots:
    void matchesBruteForceOnRandomWindows() {
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> unit(0, 1);
        for (int trial = 0; trial < 300; ++trial) {
            const std::size_t n = 1 + rng() % 5000;
            const double dt = 0.01 + unit(rng);
            std::vector<double> y(n);
            for (auto& value : y)
                value = unit(rng) * 100 - 50;
            const double end = double(n - 1) * dt;
            double t0 = unit(rng) * end, t1 = unit(rng) * end * 1.2;
            if (t1 < t0)
                std::swap(t0, t1);
            if (!(t1 > t0))
                continue;
            const std::size_t columns = 1 + rng() % 2000;
            const auto got = reduceToColumns(y, dt, t0, t1, columns);
            // Brute force: sample j (t0 <= t_j <= t1) goes to column floor((t_j − t0)/width).
            std::vector<ColumnExtent> want(columns);
            const double width = (t1 - t0) / double(columns);
            for (std::size_t j = 0; j < n; ++j) {
                const double t = double(j) * dt;
                if (t < t0 || t > t1)
                    continue;
                auto c = std::min(columns - 1, std::size_t((t - t0) / width));
                // A sample exactly on a boundary may fall either side by rounding;
                // accept the reduction's choice when it is the neighbour.
                auto& w = want[c];
                if (w.empty) {
                    w.min = w.max = y[j];
                    w.empty = false;
                } else {
                    w.min = std::min(w.min, y[j]);
                    w.max = std::max(w.max, y[j]);
                }
            }
            double allMinGot = INFINITY, allMaxGot = -INFINITY, allMinWant = INFINITY,
                   allMaxWant = -INFINITY;
            std::size_t mismatches = 0;
            for (std::size_t c = 0; c < columns; ++c) {
                if (!got[c].empty) {
                    allMinGot = std::min(allMinGot, got[c].min);
                    allMaxGot = std::max(allMaxGot, got[c].max);
                }
                if (!want[c].empty) {
                    allMinWant = std::min(allMinWant, want[c].min);
                    allMaxWant = std::max(allMaxWant, want[c].max);
                }
                mismatches += got[c].empty != want[c].empty ||
                              (!got[c].empty && (got[c].min != want[c].min || got[c].max != want[c].max));
            }
            // Same extremes overall, and per column except for boundary samples.
            QCOMPARE(allMinGot, allMinWant);
            QCOMPARE(allMaxGot, allMaxWant);
            QVERIFY2(mismatches <= 2 + columns / 100, qPrintable(QString::number(mismatches)));
        }
    }

    void aSpikeKeepsItsHeightAtEveryZoom() {
        std::vector<double> v(100000, -65.0);
        v[54321] = 30.0; // one spike sample
        const double dt = 0.01;
        for (std::size_t columns : {1, 7, 100, 1600, 50000}) {
            const auto reduced = reduceToColumns(v, dt, 0, 999.99, columns);
            double top = -INFINITY;
            for (const auto& c : reduced)
                if (!c.empty)
                    top = std::max(top, c.max);
            QCOMPARE(top, 30.0);
        }
        QCOMPARE(samplesInWindow(v.size(), dt, 543.0, 544.0), std::size_t(101));
    }
};

QTEST_APPLESS_MAIN(TestColumnEnvelope)
#include "test_column_envelope.moc"
