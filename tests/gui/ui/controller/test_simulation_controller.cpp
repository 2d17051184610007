// SPDX-License-Identifier: GPL-3.0-or-later
// The simulation controller and its worker thread: what comes back equals a direct run of the core reduced for
// the same view; the newest request wins and a stale result never reaches the
// window; a long run stops promptly when superseded or cancelled; invalid input
// comes back as an error naming the field; zoom and resize re-reduce without
// integrating again; a flood of requests never blocks the GUI thread.
// .ci/run also runs this suite under ThreadSanitizer.
#include "core/integrate/simulator.h"
#include "core/model/parameter_catalogue.h"
#include "core/presets/preset_library.h"
#include "ui/controller/plot_series_builder.h"
#include "ui/controller/simulation_controller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <functional>
#include <random>

using ResultPtr = std::shared_ptr<const SimulationResult>;

namespace {

// The view the worker reduces for: t1 <= t0 means the whole run.
PlotView resolved(PlotView view, const izh::SimulationRequest& request) {
    if (!(view.t1 > view.t0)) {
        view.t0 = 0;
        view.t1 = request.settings.duration;
    }
    return view;
}

bool sameNumber(double x, double y) {
    return x == y || (std::isnan(x) && std::isnan(y));
}

// Exact comparison (QPointF's operator== is fuzzy): empty when equal,
// otherwise the first difference.
QString differenceBetween(const char* what, const QList<QPointF>& actual,
                          const QList<QPointF>& expected) {
    if (actual.size() != expected.size())
        return QString("%1: %2 points, expected %3").arg(what).arg(actual.size()).arg(expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i)
        if (!sameNumber(actual[i].x(), expected[i].x()) || !sameNumber(actual[i].y(), expected[i].y()))
            return QString("%1: point %2 is (%3, %4), expected (%5, %6)")
                .arg(what)
                .arg(i)
                .arg(actual[i].x(), 0, 'g', 17)
                .arg(actual[i].y(), 0, 'g', 17)
                .arg(expected[i].x(), 0, 'g', 17)
                .arg(expected[i].y(), 0, 'g', 17);
    return {};
}

QString differenceBetween(const char* what, const izh::SampleVector& actual,
                          const izh::SampleVector& expected) {
    if (actual.size() != expected.size())
        return QString("%1: %2 samples, expected %3").arg(what).arg(actual.size()).arg(expected.size());
    for (std::size_t j = 0; j < actual.size(); ++j)
        if (!sameNumber(actual[j], expected[j]))
            return QString("%1: sample %2 differs").arg(what).arg(j);
    return {};
}

// Compares a delivered result with what the core gives for `request` when
// called directly, reduced for `view` by the same builder. Empty when equal.
QString differenceFromCoreRun(const SimulationResult& result, const izh::SimulationRequest& request,
                              const PlotView& view) {
    if (!result.error.isEmpty())
        return "unexpected error: " + result.error;
    if (!(result.request == request))
        return "the result is for another request";
    if (!result.trajectory)
        return "the result has no trajectory";
    const PlotView expectedView = resolved(view, request);
    if (!(result.view == expectedView))
        return QString("the result is reduced for [%1, %2] in %3 columns, expected [%4, %5] in %6")
            .arg(result.view.t0).arg(result.view.t1).arg(result.view.columns)
            .arg(expectedView.t0).arg(expectedView.t1).arg(expectedView.columns);
    const izh::Trajectory direct = izh::simulate(request);
    const auto& trajectory = *result.trajectory;
    QString difference = differenceBetween("v samples", trajectory.v, direct.v);
    if (difference.isEmpty())
        difference = differenceBetween("u samples", trajectory.u, direct.u);
    if (difference.isEmpty())
        difference = differenceBetween("I samples", trajectory.current, direct.current);
    if (difference.isEmpty() && trajectory.spikeTimes() != direct.spikeTimes())
        difference = "spike times differ";
    if (!difference.isEmpty())
        return difference;
    const PlotSeries expected = buildPlotSeries(direct, request.model.vpeak, expectedView);
    for (auto [what, actual, wanted] :
         {std::tuple{"v series", &result.series.v, &expected.v},
          std::tuple{"u series", &result.series.u, &expected.u},
          std::tuple{"I series", &result.series.current, &expected.current},
          std::tuple{"spike markers", &result.series.spikes, &expected.spikes}}) {
        difference = differenceBetween(what, *actual, *wanted);
        if (!difference.isEmpty())
            return difference;
    }
    if (result.analysis.spikeCount != direct.spikeTimes().size())
        return "the spike analysis counts another number of spikes";
    return {};
}

izh::SimulationRequest eulerRequest(double a = 0.02, double duration = 1000, double dt = 0.1) {
    auto request = izh::defaultRequest();
    request.settings.integrator = izh::IntegratorKind::Euler;
    request.model.a = a;
    request.settings.duration = duration;
    request.settings.dt = dt;
    return request;
}

// About a second of integration in a release build (rk4, 2·10^7 steps: just
// within the full-trace limit), several times that under the sanitizers.
izh::SimulationRequest longRequest() {
    auto request = izh::defaultRequest();
    request.settings.integrator = izh::IntegratorKind::RK4;
    request.settings.duration = 2000;
    request.settings.dt = 1e-4;
    return request;
}

// The latest request's result has arrived and nothing is in flight.
bool settled(const SimulationController& controller) {
    const auto result = controller.latestResult();
    return !controller.isBusy() && result && result->generation == controller.latestGeneration();
}

constexpr int kTimeoutMs = 20000;

// Every result the worker delivers, in order, into `emitted`.
void collectResults(SimulationWorker& worker, std::vector<ResultPtr>& emitted) {
    QObject::connect(&worker, &SimulationWorker::resultAvailable, &worker, [&] {
        if (auto result = worker.takeResult())
            emitted.push_back(result);
    });
}

} // namespace

class TestSimulationController : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ResultPtr>(); }

    void resultEqualsDirectCoreRun_data();
    void resultEqualsDirectCoreRun();
    void newestRequestWinsAndStaleResultsAreDropped();
    void supersededLongRunStopsPromptly();
    void cancelledRunStopsAndIsNeverDelivered();
    void controllerCancelDropsTheRunAndKeepsTheLastResult();
    void invalidRequestReportsTheField();
    void viewChangeReReducesWithoutIntegrating();
    void floodOfRequestsEndsOnTheLatest();
};

void TestSimulationController::resultEqualsDirectCoreRun_data() {
    QTest::addColumn<izh::SimulationRequest>("request");
    QTest::addColumn<PlotView>("view");
    QTest::newRow("default rk45, whole run") << izh::defaultRequest() << PlotView{};
    QTest::newRow("RS preset, semi-implicit")
        << izh::findPreset("RS")->request << PlotView{0, 0, 640};
    QTest::newRow("tonic bursting, zoomed")
        << izh::findPreset("tonic-bursting")->request << PlotView{40, 120, 300};
    // 10^5 samples into 50 columns: the min/max reduction, not the samples.
    QTest::newRow("euler dt 0.01, few columns") << eulerRequest(0.02, 1000, 0.01) << PlotView{0, 0, 50};
    auto halfStep = eulerRequest(0.1, 500, 0.05);
    halfStep.settings.integrator = izh::IntegratorKind::HalfStep;
    QTest::newRow("half-step, zoomed in beyond the samples") << halfStep << PlotView{100, 101, 800};
    QTest::newRow("NESTML tutorial") << izh::findPreset("nestml-tutorial")->request << PlotView{};
}

void TestSimulationController::resultEqualsDirectCoreRun() {
    QFETCH(izh::SimulationRequest, request);
    QFETCH(PlotView, view);
    SimulationController controller;
    controller.setView(view);
    controller.simulate(request);
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    const QString difference = differenceFromCoreRun(*controller.latestResult(), request, view);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// Many requests in quick succession, paced so that the worker sometimes
// finishes one and queues its result just before a newer request arrives:
// that result is stale when the event loop gets to it and must be dropped.
void TestSimulationController::newestRequestWinsAndStaleResultsAreDropped() {
    SimulationController controller;
    std::vector<quint64> delivered;
    int stale = 0;
    connect(&controller, &SimulationController::resultReady, this, [&](const ResultPtr& result) {
        delivered.push_back(result->generation);
        if (result->generation != controller.latestGeneration())
            ++stale;
    });
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> a(0.01, 0.12);
    izh::SimulationRequest last;
    constexpr int kRequests = 300;
    for (int i = 0; i < kRequests; ++i) {
        last = eulerRequest(a(rng));
        controller.simulate(last);
        if (i % 10 == 5)
            QThread::msleep(20); // the worker finishes this one and queues its result...
        if (i % 10 == 6)
            QCoreApplication::processEvents(); // ...which is stale by the time it arrives
    }
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    QCOMPARE(stale, 0);
    QVERIFY(!delivered.empty());
    QVERIFY2(delivered.size() < kRequests, "superseded requests were computed and delivered");
    for (std::size_t i = 1; i < delivered.size(); ++i)
        QVERIFY2(delivered[i] > delivered[i - 1], "results were delivered out of order");
    QCOMPARE(delivered.back(), controller.latestGeneration());
    const QString difference = differenceFromCoreRun(*controller.latestResult(), last, PlotView{});
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// The worker runs one job at a time, so if a superseded long run were not
// cancelled, the newer result would wait for it to finish (and the long run's
// result would come first).
void TestSimulationController::supersededLongRunStopsPromptly() {
    SimulationWorker worker;
    std::vector<ResultPtr> emitted;
    collectResults(worker, emitted);
    worker.submit({1, longRequest(), PlotView{}});
    QTRY_VERIFY_WITH_TIMEOUT(worker.progress() > 0, kTimeoutMs);
    const double progressWhenSuperseded = worker.progress();
    QVERIFY2(progressWhenSuperseded < 0.5, "the long run was nearly done before it was superseded");

    const auto next = eulerRequest();
    worker.submit({2, next, PlotView{}});
    QVERIFY(QTest::qWaitFor([&] { return !emitted.empty(); }, kTimeoutMs));
    // Only the newer run is delivered; how soon is bench_cancel's budget.
    QCOMPARE(emitted.front()->generation, quint64(2));
    QTest::qWait(100);
    QCOMPARE(emitted.size(), std::size_t(1));
    const QString difference = differenceFromCoreRun(*emitted.front(), next, PlotView{});
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// cancelCurrent() stops the integration itself, not just its delivery: the
// progress it reports freezes short of the end, and no result comes.
void TestSimulationController::cancelledRunStopsAndIsNeverDelivered() {
    SimulationWorker worker;
    std::vector<ResultPtr> emitted;
    collectResults(worker, emitted);
    worker.submit({1, longRequest(), PlotView{}});
    QTRY_VERIFY_WITH_TIMEOUT(worker.progress() > 0, kTimeoutMs);
    worker.cancelCurrent();
    QTest::qWait(100); // a few polls of the cancel flag, even under TSan
    const double frozen = worker.progress();
    QTest::qWait(400); // a running job reports every 16384 steps: well within this
    QCOMPARE(worker.progress(), frozen);
    QVERIFY(frozen < 1);
    QVERIFY(emitted.empty());

    // The worker is idle, not stuck: the next job runs.
    const auto next = eulerRequest(0.05);
    worker.submit({2, next, PlotView{}});
    QVERIFY(QTest::qWaitFor([&] { return !emitted.empty(); }, kTimeoutMs));
    QCOMPARE(emitted.front()->generation, quint64(2));
    const QString difference = differenceFromCoreRun(*emitted.front(), next, PlotView{});
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// Esc in the window: the run stops, the plot keeps the last complete result,
// progress reports stop, and a later zoom or resize re-reduces what is shown
// rather than starting the cancelled run again.
void TestSimulationController::controllerCancelDropsTheRunAndKeepsTheLastResult() {
    SimulationController controller;
    const auto shown = eulerRequest();
    controller.simulate(shown);
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    const ResultPtr before = controller.latestResult();

    int delivered = 0;
    connect(&controller, &SimulationController::resultReady, this, [&] { ++delivered; });
    QSignalSpy cancelled(&controller, &SimulationController::cancelled);
    QSignalSpy busy(&controller, &SimulationController::busyChanged);
    QSignalSpy progress(&controller, &SimulationController::progressChanged);
    controller.simulate(longRequest());
    QVERIFY(controller.isBusy());
    // The long run is under way and its progress is reported.
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toDouble() > 0, kTimeoutMs);

    controller.cancel();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!controller.isBusy());
    QCOMPARE(busy.last().at(0).toBool(), false);
    const auto progressReports = progress.count();
    QTest::qWait(400);
    QCOMPARE(delivered, 0);
    QCOMPARE(controller.latestResult(), before);
    QCOMPARE(progress.count(), progressReports);

    controller.cancel(); // nothing runs: nothing to cancel
    QCOMPARE(cancelled.count(), 1);

    const PlotView zoom{100, 300, 500};
    controller.setView(zoom);
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    QCOMPARE(progress.count(), progressReports);
    const ResultPtr after = controller.latestResult();
    QVERIFY2(after->request == shown, "a zoom after cancelling restarted the cancelled run");
    QCOMPARE(after->trajectory.get(), before->trajectory.get());
    QCOMPARE(after->view, zoom);
}

// Invalid input is not an exception escaping the worker: it comes back as a
// result whose error names the field, and the next valid request works.
void TestSimulationController::invalidRequestReportsTheField() {
    struct Case {
        QString field;
        std::function<void(izh::SimulationRequest&)> spoil;
    };
    const Case cases[] = {
        {"dt", [](auto& r) { r.settings.dt = -0.1; }},
        {"a", [](auto& r) { r.model.a = NAN; }},
        {"d", [](auto& r) { r.model.d = INFINITY; }},
        {"duration", [](auto& r) { r.settings.duration = 1e7; }}, // 10^8 samples: over the limit
        {"rtol", [](auto& r) { r.settings.rtol = 2; }},
        {"v0", [](auto& r) { r.model.v0 = 40; }}, // above vpeak
    };
    SimulationController controller;
    for (const auto& c : cases) {
        auto request = izh::defaultRequest();
        c.spoil(request);
        controller.simulate(request);
        QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
        const auto result = controller.latestResult();
        QVERIFY2(result->error.startsWith(c.field + ": "),
                 qPrintable(c.field + " gave \"" + result->error + "\""));
        QVERIFY(!result->trajectory);
        QVERIFY(result->series.v.isEmpty());
        // (NaN compares unequal, so compare the spoiled field itself.)
        QVERIFY(sameNumber(izh::getParameter(result->request, c.field.toStdString()), izh::getParameter(request, c.field.toStdString())));
    }
    const auto valid = izh::defaultRequest();
    controller.simulate(valid);
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    const QString difference = differenceFromCoreRun(*controller.latestResult(), valid, PlotView{});
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestSimulationController::viewChangeReReducesWithoutIntegrating() {
    SimulationController controller;
    QSignalSpy busy(&controller, &SimulationController::busyChanged);
    controller.setView({10, 20, 30}); // no request yet: nothing to compute
    QCOMPARE(busy.count(), 0);
    QVERIFY(!controller.isBusy());

    const auto request = eulerRequest(0.02, 1000, 0.01);
    controller.simulate(request);
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    const ResultPtr first = controller.latestResult();
    QCOMPARE(first->view, (PlotView{10, 20, 30}));

    // Zoom: the same trajectory object, the same compute time, a new reduction.
    for (const PlotView view : {PlotView{200, 300, 400}, PlotView{0, 0, 800}, PlotView{999, 1000, 7}}) {
        controller.setView(view);
        QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
        const ResultPtr zoomed = controller.latestResult();
        QCOMPARE(zoomed->trajectory.get(), first->trajectory.get());
        QCOMPARE(zoomed->computeMs, first->computeMs);
        QCOMPARE(zoomed->view, resolved(view, request));
        const auto expected = buildPlotSeries(*first->trajectory, request.model.vpeak, zoomed->view);
        const QString difference = differenceBetween("v series", zoomed->series.v, expected.v);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    // The same parameters again: nothing to integrate either.
    controller.simulate(request);
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    QCOMPARE(controller.latestResult()->trajectory.get(), first->trajectory.get());

    // New parameters: a new run.
    const auto other = eulerRequest(0.03, 1000, 0.01);
    controller.simulate(other);
    QVERIFY(QTest::qWaitFor([&] { return settled(controller); }, kTimeoutMs));
    QVERIFY(controller.latestResult()->trajectory.get() != first->trajectory.get());
    const QString difference =
        differenceFromCoreRun(*controller.latestResult(), other, controller.view());
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// 1000 random requests from the GUI thread, a few per event-loop pass, some of
// them long runs: a heartbeat timer keeps firing while they run (the GUI
// thread never waits for the worker; how long it may pause is
// --benchmark-ui's budget), no stale result is delivered, and the last result
// is a direct simulation of the last request.
void TestSimulationController::floodOfRequestsEndsOnTheLatest() {
    SimulationController controller;
    int stale = 0;
    connect(&controller, &SimulationController::resultReady, this, [&](const ResultPtr& result) {
        if (result->generation != controller.latestGeneration())
            ++stale;
    });

    std::mt19937 rng(20240611);
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    const izh::IntegratorKind kinds[] = {izh::IntegratorKind::Euler, izh::IntegratorKind::SemiImplicit,
                                         izh::IntegratorKind::HalfStep, izh::IntegratorKind::RK4,
                                         izh::IntegratorKind::RK45};
    const double steps[] = {0.1, 0.05, 0.025};
    auto randomRequest = [&](int index) {
        // Every 25th is a long run, placed last in its burst so it gets going.
        auto request = index % 25 == 19 ? longRequest() : izh::defaultRequest();
        request.model.a = uniform(0.01, 0.15);
        request.model.b = uniform(0.15, 0.3);
        request.model.c = uniform(-70, -45);
        request.model.d = uniform(0.5, 10);
        izh::setParameter(request, "I", uniform(0, 40));
        if (index % 25 != 19) {
            request.settings.integrator = kinds[rng() % 5];
            request.settings.duration = uniform(100, 1000);
            request.settings.dt = steps[rng() % 3];
        }
        return request;
    };

    constexpr int kRequests = 1000;
    constexpr int kPerPass = 5;
    int submitted = 0;
    izh::SimulationRequest last;
    QTimer driver;
    driver.setInterval(0);
    connect(&driver, &QTimer::timeout, this, [&] {
        for (int k = 0; k < kPerPass && submitted < kRequests; ++k, ++submitted) {
            last = randomRequest(submitted);
            controller.simulate(last);
        }
        if (submitted == kRequests)
            driver.stop();
    });
    int beats = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    connect(&heartbeat, &QTimer::timeout, this, [&] { ++beats; });
    heartbeat.start();
    driver.start();
    QVERIFY(QTest::qWaitFor([&] { return submitted == kRequests && settled(controller); }, 60000));
    heartbeat.stop();
    QVERIFY(beats > 1);
    QCOMPARE(stale, 0);
    const QString difference = differenceFromCoreRun(*controller.latestResult(), last, PlotView{});
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

QTEST_GUILESS_MAIN(TestSimulationController)
#include "test_simulation_controller.moc"
