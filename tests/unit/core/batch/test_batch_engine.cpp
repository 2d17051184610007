// SPDX-License-Identifier: GPL-3.0-or-later
// The batch engine against the single-trajectory engine (izh::simulateSpikes),
// cell for cell and bit for bit, for every fixed-step scheme and both SIMD
// paths, on random grids mixing regimes: tonic spiking, bursting, silence,
// ramps (class-1, accommodation), input spikes, non-standard recovery
// (vb, e), and trajectories that diverge at the first step or midway (u
// growing without bound). Also: cancellation is prompt, results do not depend
// on the thread count, progress reaches 1, rk45 cells run the scalar engine.
#include "core/base/invalid_input.h"
#include "core/batch/batch_engine.h"
#include "core/integrate/rk4_terms.h"
#include "core/integrate/simulator.h"
#include "core/model/parameter_catalogue.h"
#include "core/model/request_validation.h"
#include "core/presets/preset_library.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

using namespace izh;

namespace {

struct CellOutcome {
    std::vector<double> spikes;
    std::optional<double> divergence;
    int deliveries = 0;
};

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool sameOutcome(const CellOutcome& batch, const RunOutcome& scalar, QString* why) {
    if (batch.deliveries != 1) {
        *why = QString("delivered %1 times").arg(batch.deliveries);
        return false;
    }
    if (batch.divergence.has_value() != scalar.divergenceTime.has_value() ||
        (batch.divergence && !sameBits(*batch.divergence, *scalar.divergenceTime))) {
        *why = QString("divergence %1 vs %2")
                   .arg(batch.divergence ? QString::number(*batch.divergence) : "none",
                        scalar.divergenceTime ? QString::number(*scalar.divergenceTime) : "none");
        return false;
    }
    if (batch.spikes.size() != scalar.spikeTimes.size()) {
        *why = QString("%1 spikes vs %2").arg(batch.spikes.size()).arg(scalar.spikeTimes.size());
        return false;
    }
    for (std::size_t s = 0; s < batch.spikes.size(); ++s)
        if (!sameBits(batch.spikes[s], scalar.spikeTimes[s])) {
            *why = QString("spike %1: %2 vs %3")
                       .arg(s)
                       .arg(batch.spikes[s], 0, 'g', 17)
                       .arg(scalar.spikeTimes[s], 0, 'g', 17);
            return false;
        }
    return true;
}

std::vector<CellOutcome> runAll(const std::vector<SimulationRequest>& cells,
                                const BatchOptions& options, BatchOutcome* outcome = nullptr) {
    std::vector<CellOutcome> results(cells.size());
    const BatchOutcome run = runBatch(
        cells.size(), [&](std::size_t i) { return cells[i]; },
        [&](std::size_t i, const BatchCellResult& r) {
            results[i].spikes.assign(r.spikeTimes.begin(), r.spikeTimes.end());
            results[i].divergence = r.divergenceTime;
            ++results[i].deliveries;
        },
        options);
    if (outcome)
        *outcome = run;
    return results;
}

// A random cell of one of several regimes, on the shared grid (kind, dt, duration).
SimulationRequest randomCell(QRandomGenerator& rng, IntegratorKind kind, double dt,
                             double duration) {
    auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * rng.generateDouble(); };
    const auto& all = presets();
    SimulationRequest r;
    // rk45 refuses the diverging cells after 2·10⁸ tiny steps: not for it.
    const int regime = static_cast<int>(rng.bounded(9));
    switch (kind == IntegratorKind::RK45 && (regime == 4 || regime == 8) ? 7 : regime) {
    case 0: // any preset's model and protocol (steps, pulses, ramps, input spikes)
    case 1:
        r = all[rng.bounded(static_cast<int>(all.size()))].request;
        break;
    case 2: { // RS with its step protocol, I swept
        r = findPreset("RS")->request;
        izh::setParameter(r, "I", uniform(-5, 40));
        break;
    }
    case 3: // bursting-ish: high reset, small d
        r = defaultRequest();
        izh::setParameter(r, "c", uniform(-55, -45));
        izh::setParameter(r, "d", uniform(0, 4));
        izh::setParameter(r, "I", uniform(0, 20));
        break;
    case 4: // diverging: u grows without bound (a·e < 0), or an absurd start
        r = defaultRequest();
        izh::setParameter(r, "a", uniform(-5, -2.5)); // e^(|a|·t) overflows midway through 300 ms
        izh::setParameter(r, "I", uniform(-10, 10));
        if (rng.bounded(3) == 0)
            izh::setParameter(r, "v0", -1e160);
        break;
    case 5: // non-standard recovery (vb, e), as in accommodation
        r = defaultRequest();
        izh::setParameter(r, "vb", uniform(-70, 0));
        izh::setParameter(r, "e", uniform(-0.2, 1.5));
        izh::setParameter(r, "I", uniform(0, 30));
        break;
    case 6: // input spikes and a pulse train
        r = defaultRequest();
        izh::setParameter(r, "I", uniform(0, 8));
        for (int s = 0; s < 5; ++s)
            r.protocol.inputSpikes.push_back({uniform(0, duration), uniform(-10, 30)});
        r.protocol.trains.push_back({uniform(1, 10), uniform(0, 50), 2.0, 20.0, 4, false});
        break;
    case 8: // another quadratic term and peak (rk4 still in its shifted z)
        r = defaultRequest();
        izh::setParameter(r, "p2", uniform(0.02, 0.08));
        izh::setParameter(r, "p1", uniform(2, 8));
        izh::setParameter(r, "vpeak", uniform(0, 40));
        izh::setParameter(r, "I", uniform(0, 20));
        break;
    default: // anything in the paper's plane
        r = defaultRequest();
        izh::setParameter(r, "a", uniform(0.005, 0.2));
        izh::setParameter(r, "b", uniform(-0.1, 0.3));
        izh::setParameter(r, "c", uniform(-70, -45));
        izh::setParameter(r, "d", uniform(-2, 10));
        izh::setParameter(r, "I", uniform(-5, 30));
        izh::setParameter(r, "v0", uniform(-80, -55));
        break;
    }
    r.settings.integrator = kind;
    r.settings.dt = dt;
    r.settings.duration = duration;
    izh::validateRequest(r, false);
    return r;
}

const IntegratorKind kFixed[] = {IntegratorKind::Euler, IntegratorKind::SemiImplicit,
                                 IntegratorKind::HalfStep, IntegratorKind::RK4};

} // namespace

class TestBatchEngine : public QObject {
    Q_OBJECT

private slots:
    void matchesSingleTrajectoryEngine_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("simd");
        QTest::addColumn<double>("dt");
        for (IntegratorKind kind : kFixed)
            for (SimdPath simd : {SimdPath::Avx512, SimdPath::Avx2, SimdPath::Baseline})
                for (double dt : {0.1, 0.25})
                    QTest::addRow("%s/%s→%s/dt %g", integratorId(kind).data(),
                                  simdPathName(simd), simdPathName(resolveSimdPath(simd)), dt)
                        << int(kind) << int(simd) << dt;
    }
    void matchesSingleTrajectoryEngine() {
        QFETCH(int, kind);
        QFETCH(int, simd);
        QFETCH(double, dt);
        QRandomGenerator rng(1234 + kind * 10 + simd);
        std::vector<SimulationRequest> cells;
        for (int i = 0; i < 203; ++i) // not a multiple of the group size: padding lanes
            cells.push_back(randomCell(rng, IntegratorKind(kind), dt, 300.0));
        BatchOptions options;
        options.simd = SimdPath(simd);
        options.threads = 2;
        BatchOutcome outcome;
        const auto results = runAll(cells, options, &outcome);
        QVERIFY(!outcome.cancelled);
        QCOMPARE(outcome.cellsDone, cells.size());
        int spiking = 0, diverged = 0, bursting = 0;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const RunOutcome scalar = simulateSpikes(cells[i]);
            QString why;
            QVERIFY2(sameOutcome(results[i], scalar, &why),
                     qPrintable(QString("cell %1: %2").arg(i).arg(why)));
            spiking += !scalar.spikeTimes.empty();
            diverged += scalar.diverged();
            for (std::size_t s = 1; s < scalar.spikeTimes.size(); ++s)
                if (scalar.spikeTimes[s] - scalar.spikeTimes[s - 1] < 10) {
                    ++bursting;
                    break;
                }
        }
        // The grid really covers the regimes it claims to.
        QVERIFY2(spiking > 50 && diverged > 5 && bursting > 10,
                 qPrintable(QString("spiking %1, diverged %2, bursting %3")
                                .arg(spiking)
                                .arg(diverged)
                                .arg(bursting)));
    }

    // A divergence deep inside a long block (fast mode replays it exactly).
    void divergenceMidBlockIsTimedExactly() {
        for (IntegratorKind kind : kFixed) {
            std::vector<SimulationRequest> cells;
            for (int i = 0; i < 40; ++i) {
                SimulationRequest r = defaultRequest();
                r.settings.integrator = kind;
                r.settings.duration = 2000;
                izh::setParameter(r, "a", -2.5 - 0.05 * i); // u ~ exp(|a|·t) overflows after some 100 ms
                izh::setParameter(r, "I", i % 2 ? 5.0 : -5.0);
                cells.push_back(r);
            }
            const auto results = runAll(cells, {});
            int diverged = 0;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                QString why;
                const RunOutcome scalar = simulateSpikes(cells[i]);
                diverged += scalar.diverged();
                QVERIFY2(sameOutcome(results[i], scalar, &why),
                         qPrintable(QString("%1 cell %2: %3")
                                        .arg(integratorId(kind).data())
                                        .arg(i)
                                        .arg(why)));
            }
            QVERIFY2(diverged >= 15, qPrintable(QString("%1 diverged").arg(diverged)));
        }
    }

    // rk4 steps a shifted state z with v = vFromZ·z − zShift (vFromZ = 5 here):
    // a z that is finite but above DBL_MAX / 5 is a v of +inf, a divergence,
    // though z itself passes a finiteness check (and z ≥ zPeak looks like a
    // spike). Such a z comes out of one step from a hugely negative v0 (v² is
    // huge): the v0s just beyond the boundary where the first step starts to
    // diverge.
    void rk4VoltageOverflowFromAFiniteStateIsADivergence() {
        auto cellWith = [](double depth) { // v0 = −depth
            SimulationRequest r = defaultRequest();
            r.settings.integrator = IntegratorKind::RK4;
            r.settings.dt = 2;
            r.settings.duration = 20;
            izh::setParameter(r, "I", 0.0);
            izh::setParameter(r, "a", 0.0); // u stays finite, so nothing else reveals the divergence
            izh::setParameter(r, "u0", -13.0);
            izh::setParameter(r, "v0", -depth);
            return r;
        };
        auto divergesAtFirstStep = [&](double depth) {
            const RunOutcome run = simulateSpikes(cellWith(depth));
            return run.divergenceTime && *run.divergenceTime == 2.0;
        };
        double lo = 1, hi = 1e300; // depths: first step fine / diverging
        QVERIFY(!divergesAtFirstStep(lo) && divergesAtFirstStep(hi));
        for (int i = 0; i < 200 && std::nextafter(lo, hi) < hi; ++i) {
            const double mid = std::sqrt(lo) * std::sqrt(hi);
            const double probe = mid > lo && mid < hi ? mid : lo + (hi - lo) / 2;
            (divergesAtFirstStep(probe) ? hi : lo) = probe;
        }
        // z after the first step grows like v0^16, so its window of finite z and
        // infinite v (a factor 5) spans some 10 % of depth beyond the boundary.
        std::vector<SimulationRequest> cells;
        int finiteStateInfiniteV = 0; // the cells this test is about
        for (int k = 0; k < 32; ++k) {
            cells.push_back(cellWith(hi * (1 + 0.003 * k)));
            const RK4Terms terms(cells.back().model, 2.0);
            QVERIFY(RK4Terms::usesShift(cells.back().model));
            double z = terms.toState(cells.back().model.v0), u = -13.0;
            rk4Step<true>(terms, z, u, terms.p0z + 0.0);
            finiteStateInfiniteV += std::isfinite(z) && !std::isfinite(terms.toV(z));
        }
        QVERIFY2(finiteStateInfiniteV >= 8, qPrintable(QString::number(finiteStateInfiniteV)));
        for (SimdPath simd : {SimdPath::Avx512, SimdPath::Avx2, SimdPath::Baseline}) {
            BatchOptions options;
            options.simd = simd;
            const auto results = runAll(cells, options);
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const RunOutcome scalar = simulateSpikes(cells[i]);
                QVERIFY(scalar.divergenceTime && *scalar.divergenceTime == 2.0);
                QString why;
                QVERIFY2(sameOutcome(results[i], scalar, &why),
                         qPrintable(QString("%1, v0 %2: %3")
                                        .arg(simdPathName(resolveSimdPath(simd)))
                                        .arg(cells[i].model.v0, 0, 'g', 17)
                                        .arg(why)));
            }
        }
    }

    // Groups whose lanes all share p2, p1, p0, dt and vpeak (every sweep over
    // a, b, c, d, I or v0) run euler and semi-implicit with those constants in
    // registers (AVX-512VL). Cell for cell against the scalar engine, with
    // lanes that diverge midway (the group then leaves the shared path), a
    // protocol with a ramp and input spikes, and groups in which one lane's
    // vpeak or p0 differs (which must not share).
    void groupsSharingTheirCoreMatchTheScalarEngine() {
        for (IntegratorKind kind : {IntegratorKind::Euler, IntegratorKind::SemiImplicit}) {
            for (SimdPath simd : {SimdPath::Avx512, SimdPath::Avx2, SimdPath::Baseline}) {
                QRandomGenerator rng(77 + int(kind) * 10 + int(simd));
                auto uniform = [&](double lo, double hi) {
                    return lo + (hi - lo) * rng.generateDouble();
                };
                SimulationRequest base = defaultRequest();
                base.settings.integrator = kind;
                base.settings.dt = 0.1;
                base.settings.duration = 400;
                base.protocol.ramps.push_back({0.02, 100, 300, false, false, false});
                for (double t : {50.0, 120.5, 333.3})
                    base.protocol.inputSpikes.push_back({t, 12.0});
                std::vector<SimulationRequest> cells;
                for (int i = 0; i < static_cast<int>(8 * kBatchGroupCells); ++i) {
                    SimulationRequest r = base;
                    const int group = i / static_cast<int>(kBatchGroupCells);
                    izh::setParameter(r, "a", group == 2 && i % 5 == 0 ? uniform(-4, -2.5) // diverges midway
                                                        : uniform(0.005, 0.2));
                    izh::setParameter(r, "b", uniform(-0.1, 0.3));
                    izh::setParameter(r, "c", uniform(-70, -45));
                    izh::setParameter(r, "d", uniform(-2, 10));
                    izh::setParameter(r, "I", uniform(-5, 30));
                    izh::setParameter(r, "v0", uniform(-80, -55));
                    // Groups that must not share: one vpeak or p0 differs.
                    if (group == 5 && i % 7 == 0)
                        izh::setParameter(r, "vpeak", uniform(20, 40));
                    if (group == 6 && i % 9 == 0)
                        izh::setParameter(r, "p0", uniform(139, 141));
                    cells.push_back(r);
                }
                BatchOptions options;
                options.simd = simd;
                options.threads = 2;
                const auto results = runAll(cells, options);
                int spiking = 0, diverged = 0;
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    const RunOutcome scalar = simulateSpikes(cells[i]);
                    QString why;
                    QVERIFY2(sameOutcome(results[i], scalar, &why),
                             qPrintable(QString("%1/%2 cell %3: %4")
                                            .arg(integratorId(kind).data(),
                                                 simdPathName(resolveSimdPath(simd)))
                                            .arg(i)
                                            .arg(why)));
                    spiking += scalar.spikeTimes.size() > 3;
                    diverged += scalar.diverged();
                }
                QVERIFY2(spiking > 100 && diverged >= 5,
                         qPrintable(QString("spiking %1, diverged %2").arg(spiking).arg(diverged)));
            }
        }
    }

    void resultsDoNotDependOnThreadCount() {
        QRandomGenerator rng(99);
        std::vector<SimulationRequest> cells;
        // Enough groups for every thread count tried (runBatch uses no more
        // threads than groups).
        const int count = static_cast<int>(8 * kBatchGroupCells + 5);
        for (int i = 0; i < count; ++i)
            cells.push_back(randomCell(rng, IntegratorKind::Euler, 0.1, 200.0));
        BatchOptions options;
        options.threads = 1;
        const auto reference = runAll(cells, options);
        for (unsigned threads : {2u, 3u, 7u}) {
            options.threads = threads;
            BatchOutcome outcome;
            const auto results = runAll(cells, options, &outcome);
            QCOMPARE(outcome.threadsUsed, threads);
            for (std::size_t i = 0; i < cells.size(); ++i) {
                QCOMPARE(results[i].deliveries, 1);
                QVERIFY(results[i].divergence == reference[i].divergence);
                QVERIFY(results[i].spikes == reference[i].spikes);
            }
        }
    }

    void cancellationStopsTheRun() {
        // 4096 cells × 10⁶ steps: minutes of work if not cancelled.
        SimulationRequest base = defaultRequest();
        base.settings.integrator = IntegratorKind::RK4;
        base.settings.duration = 100000;
        std::atomic<bool> cancel{false};
        std::atomic<double> progress{0};
        BatchOptions options;
        options.control = {&cancel, &progress};
        std::atomic<std::size_t> delivered{0};
        BatchOutcome outcome;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            cancel = true;
        });
        outcome = runBatch(
            4096, [&](std::size_t i) { auto r = base; izh::setParameter(r, "I", 5 + 0.001 * i); return r; },
            [&](std::size_t, const BatchCellResult&) { ++delivered; }, options);
        canceller.join();
        QVERIFY(outcome.cancelled);
        QVERIFY(outcome.cellsDone < 4096);
        QCOMPARE(outcome.cellsDone, delivered.load());
    }

    void progressReachesOne() {
        std::atomic<double> progress{0};
        BatchOptions options;
        options.control.progress = &progress;
        SimulationRequest base = defaultRequest();
        base.settings.integrator = IntegratorKind::Euler;
        base.settings.duration = 100;
        runBatch(100, [&](std::size_t) { return base; }, [](std::size_t, const BatchCellResult&) {},
                 options);
        QCOMPARE(progress.load(), 1.0);
    }

    void rk4GroupsWithUnshiftableModelsMatchTheScalarEngine() {
        // A group holding a model outside RK4Terms::usesShift (p2 ≤ 0, a far
        // vertex, a huge vpeak) runs cell by cell on the scalar engine; the
        // groups around it stay vectorised. Either way: the scalar results.
        QRandomGenerator rng(99);
        std::vector<SimulationRequest> cells;
        for (int i = 0; i < 160; ++i) {
            auto r = randomCell(rng, IntegratorKind::RK4, 0.1, 300.0);
            if (i % 64 == 5) { // groups 0, 2 and 4 get one such cell each
                const int kind = (i / 64) % 3;
                if (kind == 0)
                    izh::setParameter(r, "p2", -0.01);
                else if (kind == 1)
                    izh::setParameter(r, "p2", 1e-5);
                else
                    izh::setParameter(r, "vpeak", 1e7);
            }
            cells.push_back(r);
        }
        for (std::size_t i : {5, 69, 133})
            QVERIFY(!RK4Terms::usesShift(cells[i].model));
        QVERIFY(RK4Terms::usesShift(cells[40].model));
        for (SimdPath simd : {SimdPath::Auto, SimdPath::Baseline}) {
            BatchOptions options;
            options.simd = simd;
            const auto results = runAll(cells, options);
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const RunOutcome scalar = simulateSpikes(cells[i]);
                QCOMPARE(results[i].spikes, scalar.spikeTimes);
                QCOMPARE(results[i].divergence, scalar.divergenceTime);
            }
        }
    }

    void rk45CellsRunTheScalarEngine() {
        QRandomGenerator rng(7);
        std::vector<SimulationRequest> cells;
        for (int i = 0; i < 20; ++i)
            cells.push_back(randomCell(rng, IntegratorKind::RK45, 0.1, 100.0));
        const auto results = runAll(cells, {});
        for (std::size_t i = 0; i < cells.size(); ++i) {
            QString why;
            QVERIFY2(sameOutcome(results[i], simulateSpikes(cells[i]), &why), qPrintable(why));
        }
    }

    void cellsMustShareTheTimeGrid() {
        std::vector<SimulationRequest> cells(20, defaultRequest());
        for (auto& c : cells)
            c.settings.integrator = IntegratorKind::Euler;
        cells[17].settings.dt = 0.05;
        QVERIFY_THROWS_EXCEPTION(InvalidInput, runAll(cells, {}));
    }

    void callbackExceptionsPropagate() {
        SimulationRequest base = defaultRequest();
        base.settings.integrator = IntegratorKind::Euler;
        base.settings.duration = 50;
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            runBatch(
                500, [&](std::size_t) { return base; },
                [](std::size_t i, const BatchCellResult&) {
                    if (i == 123)
                        throw std::runtime_error("boom");
                },
                {}));
    }
};

QTEST_APPLESS_MAIN(TestBatchEngine)
#include "test_batch_engine.moc"
