// SPDX-License-Identifier: GPL-3.0-or-later
// f–I curve and spike-train comparison (dt sensitivity) against cases with a
// known answer.
#include "core/analysis/fi_curve.h"
#include "core/analysis/spike_train_comparison.h"
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"

#include <QTest>
#include <cmath>

using namespace izh;

class TestExplorationAnalyses : public QObject {
    Q_OBJECT

private slots:
    void fiCurveOfNonAdaptingNeuronMatchesClosedForm() {
        // a = 0, d = 0: u stays at u0 and every ISI is the closed-form time
        // from c to vpeak of dv/dt = p2 (v − r)² + q (see test_integrators).
        SimulationRequest r;
        r.model.a = 0;
        r.model.d = 0;
        r.model.u0 = -13;
        r.settings.integrator = IntegratorKind::RK45;
        r.settings.rtol = r.settings.atol = 1e-10;
        r.settings.duration = 500;
        const auto curve = computeFiCurve(r, 0, 20, 5);
        QCOMPARE(curve.size(), std::size_t(5));
        for (const auto& point : curve) {
            const double q = 140 + 13 + point.current - 156.25; // p0 − u0 + I − p1²/(4 p2)
            if (q <= 0) {
                QCOMPARE(point.spikeCount, std::size_t(0)); // below rheobase: silent
                QVERIFY(!point.steadyRateHz);
                continue;
            }
            const double k = std::sqrt(0.04 / q);
            const double isi = (std::atan((30 + 62.5) * k) - std::atan((-65 + 62.5) * k)) /
                               std::sqrt(0.04 * q);
            QVERIFY(point.steadyRateHz && point.firstIsiRateHz);
            QVERIFY(std::abs(*point.steadyRateHz - 1000 / isi) < 1e-4);
            QVERIFY(std::abs(*point.firstIsiRateHz - 1000 / isi) < 1e-4);
        }
    }

    void adaptationShowsAsFirstIsiAboveSteadyRate() {
        auto r = defaultRequest(); // RS parameters: d = 8 adapts
        r.settings.integrator = IntegratorKind::Euler;
        const auto curve = computeFiCurve(r, 10, 30, 3);
        for (const auto& point : curve)
            QVERIFY(*point.firstIsiRateHz > *point.steadyRateHz);
        // Rates grow with the input.
        QVERIFY(*curve[2].steadyRateHz > *curve[0].steadyRateHz);
    }

    void comparisonPairsSpikesAndReportsTheRest() {
        const auto c = compareSpikeTrains({10.0, 20.5, 40.0, 55.0}, {10.2, 20.0, 30.0, 40.1}, 1.0);
        QCOMPARE(c.pairs.size(), std::size_t(3));
        QVERIFY(std::abs(c.pairs[0].difference() + 0.2) < 1e-12);
        QVERIFY(std::abs(c.maxAbsDifference - 0.5) < 1e-12);
        QCOMPARE(c.missing, std::vector<double>{30.0});
        QCOMPARE(c.extra, std::vector<double>{55.0});
    }

    void publishedFiguresDependOnDt() {
        // RS at the published dt 0.25 (semi-implicit) against converged rk45:
        // the figure's spikes come late by a growing margin (about 4 ms by the
        // fifth), and the converged run fits one more spike into 150 ms.
        const auto& preset = findPreset("RS")->request;
        auto converged = preset;
        converged.settings.integrator = IntegratorKind::RK45;
        converged.settings.rtol = converged.settings.atol = 1e-10;
        const auto c = compareSpikeTrains(simulateSpikes(preset).spikeTimes,
                                          simulateSpikes(converged).spikeTimes, 5.0);
        QCOMPARE(c.pairs.size(), std::size_t(5));
        QVERIFY(c.extra.empty());
        QCOMPARE(c.missing.size(), std::size_t(1));
        for (const auto& pair : c.pairs)
            QVERIFY(pair.difference() > 0); // fixed-step spikes are late
        QVERIFY(std::abs(c.pairs.front().difference()) < 1.0);
        QVERIFY(c.maxAbsDifference > 2.0 && c.maxAbsDifference < 5.0);
    }
};

QTEST_APPLESS_MAIN(TestExplorationAnalyses)
#include "test_exploration_analyses.moc"
