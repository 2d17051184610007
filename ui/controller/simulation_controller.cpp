// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/controller/simulation_controller.h"

#include "core/base/invalid_input.h"
#include "core/integrate/simulator.h"

#include <QElapsedTimer>
#include <utility>

SimulationWorker::SimulationWorker(QObject* parent) : QThread(parent) {}

SimulationWorker::~SimulationWorker() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
        cancel_ = true;
        wake_.notify_one();
    }
    wait();
    // QThread::wait() orders the thread's end before this point through Qt's
    // own mutex, which ThreadSanitizer cannot see (Qt is not built with it);
    // taking mutex_, which run() released last, makes the ordering visible.
    std::lock_guard lock(mutex_);
}

void SimulationWorker::submit(const SimulationJob& job) {
    std::lock_guard lock(mutex_);
    pending_ = job;
    cancel_ = true; // supersede whatever runs now
    if (!isRunning())
        start();
    else
        wake_.notify_one();
}

void SimulationWorker::cancelCurrent() {
    std::lock_guard lock(mutex_);
    pending_.reset();
    done_.reset();
    cancel_ = true;
}

std::shared_ptr<const SimulationResult> SimulationWorker::takeResult() {
    std::lock_guard lock(mutex_);
    return std::exchange(done_, nullptr);
}

void SimulationWorker::run() {
    for (;;) {
        SimulationJob job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return pending_ || quit_; });
            if (quit_)
                return;
            job = std::move(*pending_);
            pending_.reset();
            cancel_ = false;
        }
        if (auto result = compute(job)) {
            std::shared_ptr<const SimulationResult> untaken; // superseded: dropped here
            {
                std::lock_guard lock(mutex_);
                untaken = std::exchange(done_, std::move(result));
            }
            emit resultAvailable();
        }
    }
}

std::shared_ptr<const SimulationResult> SimulationWorker::compute(const SimulationJob& job) {
    if (!cachedRequest_ || !(*cachedRequest_ == job.request)) {
        progress_ = 0;
        izh::RunControl control;
        control.cancel = &cancel_;
        control.progress = &progress_;
        QElapsedTimer clock;
        clock.start();
        try {
            auto trajectory = pool_.acquire(); // never the cached one, which is still held
            izh::simulateInto(job.request, *trajectory, control);
            if (trajectory->outcome.cancelled)
                return nullptr; // superseded or cancelled: nobody wants it
            cachedComputeMs_ = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            cachedTrajectory_ = std::move(trajectory);
            cachedRequest_ = job.request;
        } catch (const izh::InvalidInput& error) {
            auto result = std::make_shared<SimulationResult>();
            result->generation = job.generation;
            result->request = job.request;
            result->error = QString::fromStdString(error.what());
            cachedRequest_.reset();
            cachedTrajectory_.reset();
            return result;
        }
    }
    return assembleResult(job.generation, job.request, cachedTrajectory_, cachedComputeMs_,
                          job.view);
}

SimulationController::SimulationController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const SimulationResult>>();
    connect(
        &worker_, &SimulationWorker::resultAvailable, this,
        [this] {
            if (auto result = worker_.takeResult())
                onFinished(std::move(result));
        },
        Qt::QueuedConnection);
    progressTimer_.setInterval(100);
    connect(&progressTimer_, &QTimer::timeout, this,
            [this] { emit progressChanged(worker_.progress()); });
}

void SimulationController::simulate(const izh::SimulationRequest& request) {
    request_ = request;
    hasRequest_ = true;
    submit();
}

void SimulationController::setView(const PlotView& view) {
    if (view == view_)
        return;
    view_ = view;
    if (hasRequest_)
        submit();
}

void SimulationController::cancel() {
    if (!busy_)
        return;
    ++generation_; // whatever is in flight is now stale
    worker_.cancelCurrent();
    // The plot keeps the last result: a later zoom or resize re-reduces that
    // one instead of starting the cancelled run again.
    if (result_)
        request_ = result_->request;
    else
        hasRequest_ = false;
    setBusy(false);
    emit cancelled();
}

void SimulationController::submit() {
    worker_.submit({++generation_, request_, view_});
    setBusy(true);
}

void SimulationController::onFinished(std::shared_ptr<const SimulationResult> result) {
    if (result->generation != generation_)
        return; // a newer request superseded it
    result_ = std::move(result);
    setBusy(false);
    emit resultReady(result_);
}

void SimulationController::setBusy(bool busy) {
    if (busy == busy_)
        return;
    busy_ = busy;
    if (busy)
        progressTimer_.start();
    else
        progressTimer_.stop();
    emit busyChanged(busy);
}
