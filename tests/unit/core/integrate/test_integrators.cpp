// SPDX-License-Identifier: GPL-3.0-or-later
// The integrators against independent truth: the closed-form solution of the
// model with a = 0 (a Riccati equation), measured orders of convergence, and
// rk45's convergence as its tolerance tightens.
#include "core/integrate/envelope_recorder.h"
#include "core/integrate/fma_dispatch.h"
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"

#include <QElapsedTimer>
#include <QTest>
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <random>

using namespace izh;

namespace {

// With a = 0 the recovery variable is frozen at u0 and, with d = 0, every
// inter-spike interval solves dv/dt = p2 (v − r)² + q in closed form:
//   v(t) − r = √(q/p2) · tan(√(p2 q) t + atan((v(0) − r) √(p2/q))).
struct RiccatiNeuron {
    double p2 = 0.04, p1 = 5, p0 = 140, u0 = -13, current = 10, c = -65, vpeak = 30, v0 = -65;
    double r() const { return -p1 / (2 * p2); }
    double q() const { return p0 - u0 + current - p1 * p1 / (4 * p2); }
    double timeFromTo(double from, double to) const {
        const double k = std::sqrt(p2 / q());
        return (std::atan((to - r()) * k) - std::atan((from - r()) * k)) / std::sqrt(p2 * q());
    }
    std::vector<double> spikeTimes(double duration) const {
        std::vector<double> times;
        double t = timeFromTo(v0, vpeak);
        const double period = timeFromTo(c, vpeak);
        for (; t <= duration; t += period)
            times.push_back(t);
        return times;
    }
    SimulationRequest request(IntegratorKind kind, double dt, double duration) const {
        SimulationRequest r;
        r.model = {};
        r.model.a = 0;
        r.model.d = 0;
        r.model.c = c;
        r.model.vpeak = vpeak;
        r.model.v0 = v0;
        r.model.u0 = u0;
        r.protocol = StimulusProtocol::dc(current);
        r.settings.integrator = kind;
        r.settings.dt = dt;
        r.settings.duration = duration;
        return r;
    }
};

// A subthreshold relaxation (RS cell, I = 3 below its rheobase of 4) on which
// every scheme converges at its nominal order.
SimulationRequest subthreshold(IntegratorKind kind, double dt) {
    SimulationRequest r;
    r.model.v0 = -70;
    r.model.u0 = -10; // off the resting point, so both variables move
    r.protocol = StimulusProtocol::dc(3);
    r.settings.integrator = kind;
    r.settings.dt = dt;
    r.settings.duration = 50;
    r.settings.rtol = 1e-12;
    r.settings.atol = 1e-12;
    return r;
}

// Classic RK4 written stage after stage, in long double: the reference for
// RK4Scheme's regrouped polynomial form.
struct TextbookRK4 {
    long double p2, p1, p0, a, b, vb, e, h;
    long double f(long double v, long double u, long double current) const {
        return p2 * v * v + p1 * v + p0 - u + current;
    }
    long double g(long double v, long double u) const { return a * (b * (v - vb) - e * u); }
    void step(long double& v, long double& u, long double current) const {
        const long double f1 = f(v, u, current), g1 = g(v, u);
        const long double f2 = f(v + h / 2 * f1, u + h / 2 * g1, current), g2 = g(v + h / 2 * f1, u + h / 2 * g1);
        const long double f3 = f(v + h / 2 * f2, u + h / 2 * g2, current), g3 = g(v + h / 2 * f2, u + h / 2 * g2);
        const long double f4 = f(v + h * f3, u + h * g3, current), g4 = g(v + h * f3, u + h * g3);
        v = v + h / 6 * (f1 + 2 * f2 + 2 * f3 + f4);
        u = u + h / 6 * (g1 + 2 * g2 + 2 * g3 + g4);
    }
};

template <class Scheme>
void regroupedStep(const StepConstants& k, double& v, double& u, double current) {
    double z = Scheme::toState(k, v);
    Scheme::step(k, z, u, current);
    v = Scheme::toV(k, z);
}

// The plainest loop with docs/integrators.md's conventions and a finiteness test after
// every step: the time at which a diverging dc run must be reported.
template <class Scheme> double firstNonFiniteTime(const SimulationRequest& r) {
    const StepConstants k(r.model, r.settings.dt);
    const double current = r.protocol.baseline;
    double z = Scheme::toState(k, r.model.v0), u = r.model.initialU();
    for (std::size_t step = 0; step < r.settings.stepCount(); ++step) {
        Scheme::step(k, z, u, current);
        const double v = Scheme::toV(k, z);
        if (!std::isfinite(v) || !std::isfinite(u))
            return static_cast<double>(step) * k.dt + k.dt;
        if (v >= k.vpeak) {
            z = Scheme::toState(k, k.c);
            u = u + k.d;
        }
    }
    return NAN;
}

double firstNonFiniteTime(const SimulationRequest& r, IntegratorKind kind) {
    const bool standard = r.model.vb == 0 && r.model.e == 1;
    switch (kind) {
    case IntegratorKind::Euler:
        return standard ? firstNonFiniteTime<EulerScheme<true>>(r)
                        : firstNonFiniteTime<EulerScheme<false>>(r);
    case IntegratorKind::SemiImplicit:
        return standard ? firstNonFiniteTime<SemiImplicitScheme<true>>(r)
                        : firstNonFiniteTime<SemiImplicitScheme<false>>(r);
    case IntegratorKind::HalfStep: return firstNonFiniteTime<HalfStepScheme>(r);
    case IntegratorKind::RK4:
        return RK4Terms::usesShift(r.model) ? firstNonFiniteTime<RK4Scheme<true>>(r)
                                            : firstNonFiniteTime<RK4Scheme<false>>(r);
    case IntegratorKind::RK45: break;
    }
    return NAN;
}

double finalStateError(const Trajectory& a, const Trajectory& b) {
    return std::max(std::abs(a.v.back() - b.v.back()), std::abs(a.u.back() - b.u.back()));
}

} // namespace

class TestIntegrators : public QObject {
    Q_OBJECT

private slots:
    void rk45MatchesClosedFormSpikeTimes() {
        const RiccatiNeuron neuron;
        const auto expected = neuron.spikeTimes(300);
        QVERIFY(expected.size() >= 5);
        auto request = neuron.request(IntegratorKind::RK45, 0.1, 300);
        request.settings.rtol = request.settings.atol = 1e-10;
        const auto got = simulateSpikes(request).spikeTimes;
        QCOMPARE(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            QVERIFY2(std::abs(got[i] - expected[i]) < 1e-6,
                     qPrintable(QString("spike %1: %2 vs %3").arg(i).arg(got[i]).arg(expected[i])));
    }

    void rk45SpikeTimesConvergeAsToleranceTightens() {
        // Against the closed form, the largest spike-time error must shrink
        // steadily as rtol = atol goes from 1e-4 to 1e-10.
        const RiccatiNeuron neuron;
        const auto expected = neuron.spikeTimes(300);
        double previous = INFINITY;
        for (double tol : {1e-4, 1e-6, 1e-8, 1e-10}) {
            auto request = neuron.request(IntegratorKind::RK45, 0.1, 300);
            request.settings.rtol = request.settings.atol = tol;
            const auto got = simulateSpikes(request).spikeTimes;
            QCOMPARE(got.size(), expected.size());
            double worst = 0;
            for (std::size_t i = 0; i < got.size(); ++i)
                worst = std::max(worst, std::abs(got[i] - expected[i]));
            qInfo("rtol=atol=%g: worst spike-time error %.3g ms", tol, worst);
            QVERIFY(worst < previous);
            previous = worst;
        }
        QVERIFY(previous < 1e-6);
    }

    void rk45LocatesSpikesOfAdaptingCellWithinMicrosecond() {
        // rk45 at rtol = atol = 1e-10 within 1e-3 ms of a converged
        // reference (here rk45 at 1e-13, checked against the 1e-12 run too).
        auto request = defaultRequest();
        request.settings.duration = 300;
        request.settings.rtol = request.settings.atol = 1e-13;
        const auto reference = simulateSpikes(request).spikeTimes;
        request.settings.rtol = request.settings.atol = 1e-12;
        const auto nearReference = simulateSpikes(request).spikeTimes;
        request.settings.rtol = request.settings.atol = 1e-10;
        const auto got = simulateSpikes(request).spikeTimes;
        QVERIFY(reference.size() >= 5);
        QCOMPARE(got.size(), reference.size());
        QCOMPARE(nearReference.size(), reference.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            QVERIFY(std::abs(nearReference[i] - reference[i]) < 1e-6); // reference converged
            QVERIFY2(std::abs(got[i] - reference[i]) < 1e-3,
                     qPrintable(QString("spike %1 off by %2 ms").arg(i).arg(got[i] - reference[i])));
        }
    }

    void fixedStepSchemesConvergeAtTheirOrder_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("largestDt");
        QTest::addColumn<double>("order");
        QTest::addColumn<int>("halvings"); // kept above the reference's error floor
        QTest::newRow("euler") << int(IntegratorKind::Euler) << 0.1 << 1.0 << 4;
        QTest::newRow("semi-implicit") << int(IntegratorKind::SemiImplicit) << 0.1 << 1.0 << 4;
        QTest::newRow("half-step") << int(IntegratorKind::HalfStep) << 0.1 << 1.0 << 4;
        QTest::newRow("rk4") << int(IntegratorKind::RK4) << 0.4 << 4.0 << 2;
    }
    void fixedStepSchemesConvergeAtTheirOrder() {
        QFETCH(int, kind);
        QFETCH(double, largestDt);
        QFETCH(double, order);
        QFETCH(int, halvings);
        const auto reference = simulate(subthreshold(IntegratorKind::RK45, 0.1));
        std::vector<double> logDt, logErr;
        double dt = largestDt;
        for (int i = 0; i <= halvings; ++i, dt /= 2) {
            const auto run = simulate(subthreshold(IntegratorKind(kind), dt));
            QVERIFY(run.outcome.spikeTimes.empty());
            logDt.push_back(std::log(dt));
            logErr.push_back(std::log(finalStateError(run, reference)));
            qInfo("dt=%g error %.3g", dt, finalStateError(run, reference));
        }
        // Least-squares slope of log(error) against log(dt).
        const double n = logDt.size();
        double mx = 0, my = 0;
        for (std::size_t i = 0; i < logDt.size(); ++i) {
            mx += logDt[i] / n;
            my += logErr[i] / n;
        }
        double sxy = 0, sxx = 0;
        for (std::size_t i = 0; i < logDt.size(); ++i) {
            sxy += (logDt[i] - mx) * (logErr[i] - my);
            sxx += (logDt[i] - mx) * (logDt[i] - mx);
        }
        const double slope = sxy / sxx;
        qInfo("measured order %.3f (nominal %.0f)", slope, order);
        QVERIFY2(std::abs(slope - order) < 0.15, qPrintable(QString::number(slope)));
    }

    void rk4RegroupedEqualsTextbookRK4_data() {
        QTest::addColumn<double>("p2");
        QTest::addColumn<double>("p1");
        QTest::addColumn<bool>("shifted");
        QTest::newRow("standard model: shifted z") << 0.04 << 5.0 << true;
        QTest::newRow("other quadratic: shifted z") << 0.7 << 11.0 << true;
        QTest::newRow("p2 < 0: plain v") << -0.04 << 5.0 << false;
        QTest::newRow("tiny p2, shift beyond limit: plain v") << 1e-5 << 5.0 << false;
        QTest::newRow("p2 = 0: plain v") << 0.0 << 5.0 << false;
    }
    void rk4RegroupedEqualsTextbookRK4() {
        // One step from many states, parameters and dt: the regrouped form
        // agrees with the textbook stages (computed in long double) to
        // rounding: |Δv| ≤ 1e-13·(|v| + |Δv_step| + 1) mV and likewise for u,
        // i.e. a few hundred units in the last place of the terms involved.
        QFETCH(double, p2);
        QFETCH(double, p1);
        QFETCH(bool, shifted);
        std::mt19937_64 rng(42);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        double worst = 0;
        for (int trial = 0; trial < 2000; ++trial) {
            ModelParameters m;
            m.p2 = p2;
            m.p1 = p1;
            m.p0 = 140 + 40 * (unit(rng) - 0.5);
            m.a = 0.001 + 0.2 * unit(rng);
            m.b = -0.5 + 1.0 * unit(rng);
            m.vb = trial % 2 ? 0.0 : -60 + 10 * unit(rng);
            m.e = trial % 3 ? 1.0 : 0.5 + unit(rng);
            const double dt = std::pow(10.0, -4 + 4 * unit(rng)); // 1e-4 … 1 ms
            const StepConstants k(m, dt);
            QCOMPARE(k.rk4.shifted, shifted);
            const double v0 = -90 + 120 * unit(rng), u0 = -30 + 60 * unit(rng);
            const double current = -10 + 40 * unit(rng);
            TextbookRK4 ref{m.p2, m.p1, m.p0, m.a, m.b, m.vb, m.e, dt};
            long double vRef = v0, uRef = u0;
            ref.step(vRef, uRef, current);
            double v = v0, u = u0;
            if (shifted)
                regroupedStep<RK4Scheme<true>>(k, v, u, current);
            else
                regroupedStep<RK4Scheme<false>>(k, v, u, current);
            if (!std::isfinite(static_cast<double>(vRef)) || std::abs(vRef) > 1e6)
                continue; // a step that explodes: nothing to compare
            const double dv = std::abs(v - static_cast<double>(vRef)) /
                              (std::abs(v0) + std::abs(static_cast<double>(vRef) - v0) + 1.0);
            const double du = std::abs(u - static_cast<double>(uRef)) /
                              (std::abs(u0) + std::abs(static_cast<double>(uRef) - u0) + 1.0);
            worst = std::max({worst, dv, du});
            QVERIFY2(dv <= 1e-13 && du <= 1e-13,
                     qPrintable(QString("trial %1: dt %2 v0 %3 u0 %4 I %5: v %6 vs %7, u %8 vs %9")
                                    .arg(trial).arg(dt).arg(v0).arg(u0).arg(current)
                                    .arg(v, 0, 'g', 17).arg(double(vRef), 0, 'g', 17)
                                    .arg(u, 0, 'g', 17).arg(double(uRef), 0, 'g', 17)));
        }
        qInfo("worst relative difference %.3g", worst);
    }

    void rk4GivesTheSameBitsWithAndWithoutFmaInstructions() {
        // rk4's fused multiply-adds are correctly rounded, so the loop compiled
        // for FMA instructions and the one without must agree to the bit:
        // trace, spike times and the time of a divergence (found by the exact
        // replay), on every CPU. (Where the CPU has no FMA, both runs take the
        // copy without and the test holds trivially.)
#if IZH_X86_FMA_DISPATCH
        QVERIFY(useHardwareFma() || !__builtin_cpu_supports("fma"));
#endif
        // Every preset's protocol (steps, ramps, pulses, input spikes) in the
        // shifted z, and again with p2 < 0 in the plain coordinate (where most
        // run v to −inf: the divergence time must agree too).
        std::vector<std::pair<SimulationRequest, bool>> requests; // request, must diverge
        for (const Preset& preset : presets()) {
            requests.push_back({preset.request, false});
            auto plain = preset.request;
            plain.model.p2 = -0.04;
            requests.push_back({plain, false});
        }
        SimulationRequest diverging; // v runs to −inf (plain coordinate)
        diverging.model.p2 = -0.04;
        diverging.protocol = StimulusProtocol::dc(0);
        requests.push_back({diverging, true});
        diverging.model = {}; // shifted z overflows from an absurd u0
        diverging.model.u0 = 1e150;
        requests.push_back({diverging, true});
        int divergences = 0;
        for (auto [request, mustDiverge] : requests) {
            request.settings.integrator = IntegratorKind::RK4;
            const Trajectory hardware = simulate(request);
            setHardwareFmaAllowed(false);
            const Trajectory library = simulate(request);
            setHardwareFmaAllowed(true);
            QCOMPARE(library.spikeTimes(), hardware.spikeTimes());
            QCOMPARE(library.outcome.divergenceTime, hardware.outcome.divergenceTime);
            divergences += hardware.outcome.diverged();
            if (mustDiverge)
                QVERIFY(hardware.outcome.diverged());
            if (RK4Terms::usesShift(request.model) && !mustDiverge)
                QVERIFY(!hardware.outcome.diverged()); // the presets themselves run to the end
            QCOMPARE(library.sampleCount(), hardware.sampleCount());
            for (std::size_t j = 0; j < hardware.sampleCount(); ++j) {
                QCOMPARE(std::bit_cast<std::uint64_t>(library.v[j]),
                         std::bit_cast<std::uint64_t>(hardware.v[j]));
                QCOMPARE(std::bit_cast<std::uint64_t>(library.u[j]),
                         std::bit_cast<std::uint64_t>(hardware.u[j]));
            }
        }
        QVERIFY(divergences >= 10); // the replay's divergence times were compared
    }

    void shiftedStateMeetsVpeakExactlyWhereVDoes_data() {
        QTest::addColumn<double>("p1");
        QTest::addColumn<double>("vpeak");
        QTest::newRow("default") << 5.0 << 30.0;
        QTest::newRow("low peak") << 5.0 << -20.0;
        QTest::newRow("peak at the vertex (z = 0)") << 5.0 << -62.5;
        QTest::newRow("peak 1e-9 mV above the vertex") << 5.0 << -62.5 + 1e-9;
        QTest::newRow("p1 < 0, vertex at +30") << -2.4 << 30.0;
        QTest::newRow("largest peak still shifted") << 5.0 << RK4Terms::kMaxPeak;
    }
    void shiftedStateMeetsVpeakExactlyWhereVDoes() {
        // RK4Terms::zPeak: z ≥ zPeak exactly when toV(z) ≥ vpeak, so testing
        // the threshold in z changes no spike. Found by bisection: instant
        // even where a walk over the doubles near z = 0 would take ~1e18 steps.
        QFETCH(double, p1);
        QFETCH(double, vpeak);
        ModelParameters m;
        m.p1 = p1;
        m.vpeak = vpeak;
        QElapsedTimer timer;
        timer.start();
        const RK4Terms r(m, 0.1);
        QVERIFY(timer.elapsed() < 100);
        QVERIFY(r.shifted);
        QVERIFY(r.toV(r.zPeak) >= vpeak);
        QVERIFY(r.toV(std::nextafter(r.zPeak, -INFINITY)) < vpeak);
    }

    void unshiftableModelsUseThePlainCoordinate() {
        ModelParameters m;
        QVERIFY(RK4Terms::usesShift(m));
        m.vpeak = 1e300; // z would overflow where v does not
        QVERIFY(!RK4Terms::usesShift(m));
        const RK4Terms r(m, 0.1);
        QCOMPARE(r.zPeak, 1e300);
        QCOMPARE(r.toV(12.5), 12.5);
        m = {};
        m.p2 = 0;
        QVERIFY(!RK4Terms::usesShift(m));
        m.p2 = 1e-5; // vertex at −250 000 mV
        QVERIFY(!RK4Terms::usesShift(m));
    }

    void fixedStepSpikeTimesConvergeToClosedForm() {
        // Spike times of a first-order scheme approach the exact ones as dt → 0.
        const RiccatiNeuron neuron;
        const double exact = neuron.spikeTimes(100).front();
        double previous = INFINITY;
        for (double dt : {0.1, 0.01, 0.001}) {
            const auto spikes = simulateSpikes(neuron.request(IntegratorKind::Euler, dt, 100)).spikeTimes;
            QVERIFY(!spikes.empty());
            const double error = std::abs(spikes.front() - exact);
            QVERIFY(error < previous);
            qInfo("dt=%g: first-spike error %.3g ms", dt, error);
            QVERIFY(error < 3 * dt); // first order: within a few steps
            previous = error;
        }
    }

    void thresholdTestedAfterStepAndPeakRecorded() {
        // docs/integrators.md#fixed-step-conventions: the spike's sample holds vpeak, u holds the value after +d,
        // and the time is the step's end.
        auto request = findPreset("RS")->request;
        const auto run = simulate(request);
        QVERIFY(!run.spikeTimes().empty());
        const double dt = request.settings.dt;
        for (double t : run.spikeTimes()) {
            const auto j = static_cast<std::size_t>(std::llround(t / dt));
            QCOMPARE(run.v[j], request.model.vpeak);
            QVERIFY(run.v[j - 1] < request.model.vpeak);
            QVERIFY(run.u[j] - run.u[j - 1] > request.model.d * 0.5); // the +d jump is in
        }
    }

    void stepStimulusEdgesAreStrict() {
        // "14 for t > 15": the step starting at t = 15 still sees I = 0.
        const auto run = simulate(findPreset("RS")->request);
        QCOMPARE(run.current[60], 0.0);  // t = 15
        QCOMPARE(run.current[61], 14.0); // t = 15.25
    }

    void inputSpikeMakesVJump() {
        SimulationRequest r;
        r.protocol = StimulusProtocol::dc(0);
        r.model.v0 = -70;
        r.model.u0 = -14;
        r.protocol.inputSpikes = {{10.0, 5.0}};
        for (auto kind : allIntegrators()) {
            r.settings.integrator = kind;
            r.settings.duration = 20;
            r.settings.dt = 0.1;
            const auto withSpike = simulate(r);
            auto quiet = r;
            quiet.protocol.inputSpikes.clear();
            const auto without = simulate(quiet);
            // Before the arrival the traces agree; just after it v is ~5 mV higher.
            QCOMPARE(withSpike.v[99], without.v[99]);
            const double jump = withSpike.v[101] - without.v[101];
            QVERIFY2(jump > 4.0 && jump < 6.0,
                     qPrintable(QString("%1: jump %2").arg(integratorId(kind).data()).arg(jump)));
        }
    }

    void strongInputSpikeFires() {
        SimulationRequest r;
        r.protocol = StimulusProtocol::dc(0);
        r.protocol.inputSpikes = {{10.0, 200.0}};
        r.settings.duration = 20;
        for (auto kind : allIntegrators()) {
            r.settings.integrator = kind;
            const auto spikes = simulateSpikes(r).spikeTimes;
            QCOMPARE(spikes.size(), std::size_t(1));
            QVERIFY(spikes[0] >= 10.0 && spikes[0] <= 10.2);
        }
    }

    void divergenceIsReportedWithTime() {
        // With a negative quadratic term v runs away to −∞ and never meets vpeak.
        SimulationRequest r;
        r.model.p2 = -0.04;
        r.settings.duration = 100;
        r.settings.dt = 0.1;
        r.protocol = StimulusProtocol::dc(0);
        for (auto kind : allIntegrators()) {
            r.settings.integrator = kind;
            const auto run = simulate(r);
            QVERIFY2(run.outcome.diverged(), integratorId(kind).data());
            const double t = *run.outcome.divergenceTime;
            QVERIFY(t > 0 && t < 100);
            // Only the valid part is kept: every recorded value is finite.
            for (double v : run.v)
                QVERIFY(std::isfinite(v));
            QVERIFY(run.timeAt(run.sampleCount() - 1) <= t);
        }
    }

    void divergenceTimeIsTheFirstNonFiniteStep_data() {
        QTest::addColumn<double>("p2");
        QTest::addColumn<double>("e");
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("duration");
        QTest::addColumn<int>("schemesDiverging");
        QTest::addColumn<double>("u0");
        QTest::newRow("v runs to -inf (p2 < 0)") << -0.04 << 1.0 << 0.02 << 100.0 << 4 << double(NAN);
        QTest::newRow("u grows without bound (e < 0)") << 0.04 << -1.0 << 2.0 << 1000.0 << 2 << double(NAN);
        // The state overflows within four steps in all schemes but euler (which
        // spikes every other step instead), rk4 in its shifted z.
        QTest::newRow("absurd u0") << 0.04 << 1.0 << 0.02 << 100.0 << 3 << 1e150;
    }
    void divergenceTimeIsTheFirstNonFiniteStep() {
        // The fixed-step loop tests only v ≥ vpeak per step and finds the
        // exact step of a divergence by running the block again: its report
        // must match a loop that tests finiteness after every step.
        QFETCH(double, p2);
        QFETCH(double, e);
        QFETCH(double, a);
        QFETCH(double, duration);
        QFETCH(int, schemesDiverging);
        QFETCH(double, u0);
        SimulationRequest r;
        if (!std::isnan(u0))
            r.model.u0 = u0;
        r.model.p2 = p2;
        QCOMPARE(RK4Terms::usesShift(r.model), p2 > 0); // rk4 runs in z where p2 > 0
        r.model.e = e;
        r.model.a = a;
        r.settings.duration = duration;
        r.settings.dt = 0.1;
        r.protocol = StimulusProtocol::dc(0);
        int diverging = 0;
        for (auto kind : allIntegrators()) {
            if (!isFixedStep(kind))
                continue;
            r.settings.integrator = kind;
            const double expected = firstNonFiniteTime(r, kind);
            const auto run = simulate(r);
            if (std::isnan(expected)) { // this scheme stays finite here (half-step settles)
                QVERIFY2(!run.outcome.diverged(), integratorId(kind).data());
                continue;
            }
            ++diverging;
            QVERIFY2(run.outcome.diverged(), integratorId(kind).data());
            QCOMPARE(*run.outcome.divergenceTime, expected);
            QCOMPARE(*simulateSpikes(r).divergenceTime, expected);
            for (double v : run.v)
                QVERIFY(std::isfinite(v));
        }
        QCOMPARE(diverging, schemesDiverging);
    }

    void envelopeHoldsEachBucketsExtremes_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("buckets");
        for (const char* id : {"RS", "class-1", "accommodation", "DAP", "bistability"})
            for (auto kind : {IntegratorKind::Euler, IntegratorKind::RK4, IntegratorKind::RK45})
                for (int buckets : {7, 300, 100000})
                    QTest::addRow("%s/%s/%d", id, std::string(integratorId(kind)).c_str(), buckets)
                        << QString(id) << int(kind) << buckets;
    }
    void envelopeHoldsEachBucketsExtremes() {
        // The display envelope of a run (blocks of samples reduced in
        // registers, I from a block's ends) against the full trace reduced
        // sample by sample: the same extremes in every bucket. Presets with
        // ramps (class 1, accommodation), pulses, input spikes and spikes.
        QFETCH(QString, preset);
        QFETCH(int, kind);
        QFETCH(int, buckets);
        auto request = findPreset(preset.toStdString())->request;
        request.settings.integrator = IntegratorKind(kind);
        const Trajectory full = simulate(request);
        Envelope envelope;
        EnvelopeRecorder recorder(envelope, request.settings.dt, std::size_t(buckets));
        runSimulation(request, recorder);
        const std::size_t n = envelope.samplesPerBucket;
        QCOMPARE(envelope.bucketCount(), (full.sampleCount() + n - 1) / n);
        for (std::size_t b = 0; b < envelope.bucketCount(); ++b) {
            const std::size_t first = b * n, last = std::min(full.sampleCount(), first + n);
            auto check = [&](const SampleVector& samples, const Envelope::Range& range,
                             double tolerance) {
                const auto [lo, hi] = std::minmax_element(samples.begin() + first,
                                                          samples.begin() + last);
                return std::abs(range.min - *lo) <= tolerance && std::abs(range.max - *hi) <= tolerance;
            };
            QVERIFY2(check(full.v, envelope.v[b], 0.0), qPrintable(QString("v, bucket %1").arg(b)));
            QVERIFY2(check(full.u, envelope.u[b], 0.0), qPrintable(QString("u, bucket %1").arg(b)));
            // Overlapping ramps need not sum monotonically in floating point.
            QVERIFY2(check(full.current, envelope.current[b], 1e-12),
                     qPrintable(QString("I, bucket %1").arg(b)));
        }
    }

    void cancellationStopsPromptly() {
        auto r = defaultRequest();
        r.settings.integrator = IntegratorKind::Euler;
        r.settings.dt = 0.001;
        r.settings.duration = 100000; // 1e8 steps
        std::atomic<bool> cancel{true};
        RunControl control;
        control.cancel = &cancel;
        DiscardingSink sink;
        const auto outcome = runSimulation(r, sink, control);
        QVERIFY(outcome.cancelled);
        QVERIFY(outcome.acceptedSteps < 100000);
        r.settings.integrator = IntegratorKind::RK45;
        QVERIFY(runSimulation(r, sink, control).cancelled);
    }

    void rk45SamplesOnTheGrid() {
        auto r = defaultRequest();
        r.settings.duration = 200;
        const auto run = simulate(r);
        QCOMPARE(run.sampleCount(), std::size_t(2001));
        QCOMPARE(run.v.front(), r.model.v0);
        // Each spike shows as one vpeak sample right after it.
        std::size_t peaks = 0;
        for (double v : run.v)
            peaks += v == r.model.vpeak;
        QCOMPARE(peaks, run.spikeTimes().size());
    }
};

QTEST_APPLESS_MAIN(TestIntegrators)
#include "test_integrators.moc"
