// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>
#include <atomic>
#include <functional>
#include <memory>

// Runs a computation on Qt's thread pool, newest wins: starting a new one
// cancels the running one (through the shared flag it polls) and drops its
// result. `done` runs on the GUI thread with the result of the latest start.
template <class Result> class BackgroundJob {
public:
    void start(QObject* context, std::function<Result(const std::atomic<bool>& cancel)> work,
               std::function<void(const Result&)> done) {
        if (cancel_)
            cancel_->store(true);
        cancel_ = std::make_shared<std::atomic<bool>>(false);
        auto cancel = cancel_;
        const quint64 generation = ++generation_;
        auto* watcher = new QFutureWatcher<Result>(context);
        QObject::connect(watcher, &QFutureWatcher<Result>::finished, context,
                         [this, watcher, generation, done] {
                             if (generation == generation_)
                                 done(watcher->result());
                             watcher->deleteLater();
                         });
        watcher->setFuture(QtConcurrent::run([work, cancel] { return work(*cancel); }));
    }
    // Asks the running computation to stop; its (partial) result is still delivered.
    void cancelCurrent() {
        if (cancel_)
            cancel_->store(true);
    }
    ~BackgroundJob() {
        if (cancel_)
            cancel_->store(true);
    }

private:
    std::shared_ptr<std::atomic<bool>> cancel_;
    quint64 generation_ = 0;
};
