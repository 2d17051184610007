#include "simulation_controller.h"

#include "invalid_input.h"
#include "simulator.h"

#include <QElapsedTimer>
#include <QMutexLocker>

SimulationWorker::SimulationWorker(QObject* parent) : QThread(parent) {}

SimulationWorker::~SimulationWorker() {
    {
        QMutexLocker lock(&mutex_);
        quit_ = true;
        cancel_ = true;
        wake_.wakeOne();
    }
    wait();
}

void SimulationWorker::submit(const SimulationJob& job) {
    QMutexLocker lock(&mutex_);
    pending_ = job;
    cancel_ = true; // supersede whatever runs now
    if (!isRunning())
        start();
    else
        wake_.wakeOne();
}

void SimulationWorker::cancelCurrent() {
    QMutexLocker lock(&mutex_);
    pending_.reset();
    cancel_ = true;
}

void SimulationWorker::run() {
    for (;;) {
        SimulationJob job;
        {
            QMutexLocker lock(&mutex_);
            while (!pending_ && !quit_)
                wake_.wait(&mutex_);
            if (quit_)
                return;
            job = std::move(*pending_);
            pending_.reset();
            cancel_ = false;
        }
        if (auto result = compute(job))
            emit finished(result);
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
            auto trajectory = std::make_shared<izh::Trajectory>(izh::simulate(job.request, control));
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
    connect(&worker_, &SimulationWorker::finished, this, &SimulationController::onFinished,
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
