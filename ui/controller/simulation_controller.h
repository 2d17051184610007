// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/controller/simulation_result.h"
#include "ui/controller/trajectory_pool.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

// One unit of work: simulate `request` (or reuse the last run of the same
// request) and reduce it for `view`.
struct SimulationJob {
    quint64 generation = 0;
    izh::SimulationRequest request;
    PlotView view;
};

// The worker thread, after Qt's Mandelbrot example: one job in flight, the
// newest submission replaces a pending one and cancels the running one.
class SimulationWorker : public QThread {
    Q_OBJECT

public:
    explicit SimulationWorker(QObject* parent = nullptr);
    ~SimulationWorker() override;

    void submit(const SimulationJob& job);
    void cancelCurrent(); // stop the running job; its result is never delivered
    double progress() const { return progress_.load(std::memory_order_relaxed); }

    // The newest finished result, or nullptr. Results are handed over under
    // mutex_, not as a signal argument: ThreadSanitizer cannot see the
    // ordering Qt's event queue provides (Qt is not built with it) and would
    // report the GUI thread's first use of each result as a race.
    std::shared_ptr<const SimulationResult> takeResult();

signals:
    void resultAvailable(); // takeResult() has one

protected:
    void run() override;

private:
    std::shared_ptr<const SimulationResult> compute(const SimulationJob& job);

    // std::mutex rather than QMutex: QWaitCondition::wait() unlocks and
    // relocks a QMutex inside libQt6Core, unseen by ThreadSanitizer (Qt is not
    // built with it), which then reports false races on what the mutex guards.
    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<SimulationJob> pending_;
    std::shared_ptr<const SimulationResult> done_; // not yet taken
    bool quit_ = false;
    std::atomic<bool> cancel_{false};
    std::atomic<double> progress_{0};

    // Touched by the worker thread only: the last completed run, so that a
    // zoom or resize re-reduces without integrating again.
    std::optional<izh::SimulationRequest> cachedRequest_;
    std::shared_ptr<const izh::Trajectory> cachedTrajectory_;
    TrajectoryPool pool_; // the memory of earlier runs, for the next
    double cachedComputeMs_ = 0;
};

// The GUI thread's side: turns parameter and view changes into jobs, drops
// results that a newer request has made stale, and reports progress of long
// runs. It never runs an integrator and never waits for the worker.
class SimulationController : public QObject {
    Q_OBJECT

public:
    explicit SimulationController(QObject* parent = nullptr);

    void simulate(const izh::SimulationRequest& request); // with the current view
    void setView(const PlotView& view);                   // re-reduce the latest run
    void cancel();                                        // Esc: stop a long run

    const izh::SimulationRequest& latestRequest() const { return request_; }
    const PlotView& view() const { return view_; }
    std::shared_ptr<const SimulationResult> latestResult() const { return result_; }
    bool isBusy() const { return busy_; }
    quint64 latestGeneration() const { return generation_; }

signals:
    void resultReady(std::shared_ptr<const SimulationResult> result);
    void busyChanged(bool busy);
    void progressChanged(double fraction); // while a run takes long
    void cancelled();

private:
    void submit();
    void onFinished(std::shared_ptr<const SimulationResult> result);
    void setBusy(bool busy);

    SimulationWorker worker_;
    QTimer progressTimer_;
    izh::SimulationRequest request_;
    bool hasRequest_ = false;
    PlotView view_;
    quint64 generation_ = 0;
    bool busy_ = false;
    std::shared_ptr<const SimulationResult> result_;
};
