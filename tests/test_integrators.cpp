// The integrators against independent truth: the closed-form solution of the
// model with a = 0 (a Riccati equation), measured orders of convergence, and
// rk45's convergence as its tolerance tightens.
#include "preset_library.h"
#include "simulator.h"

#include <QTest>
#include <cmath>

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
        // SPEC: rk45 at rtol = atol = 1e-10 within 1e-3 ms of a converged
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
        // SPEC §3: the spike's sample holds vpeak, u holds the value after +d,
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
