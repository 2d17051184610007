// SPDX-License-Identifier: GPL-3.0-or-later
// The worker's trajectory pool: a trajectory comes back for reuse once its
// last holder lets it go, never while anyone holds it; very large ones are
// freed instead.
#include "core/integrate/simulator.h"
#include "core/model/simulation_request.h"
#include "ui/controller/trajectory_pool.h"

#include <QTest>
#include <thread>

class TestTrajectoryPool : public QObject {
    Q_OBJECT

private slots:
    void aReleasedTrajectoryIsReused() {
        TrajectoryPool pool;
        auto first = pool.acquire();
        izh::simulateInto(izh::defaultRequest(), *first);
        const double* samples = first->v.data();
        const izh::Trajectory* object = first.get();

        auto second = pool.acquire(); // the first is held: another one
        QVERIFY(second.get() != object);
        first.reset();
        auto third = pool.acquire();
        QCOMPARE(third.get(), object);
        // Run again: the same memory, the same samples as a fresh run.
        izh::simulateInto(izh::defaultRequest(), *third);
        QCOMPARE(third->v.data(), samples);
        const izh::Trajectory fresh = izh::simulate(izh::defaultRequest());
        QVERIFY(std::equal(fresh.v.begin(), fresh.v.end(), third->v.begin(), third->v.end()));
        QCOMPARE(third->outcome.spikeTimes, fresh.outcome.spikeTimes);
    }

    // Released on another thread (the plots let go on the GUI thread).
    void releaseOnAnotherThread() {
        TrajectoryPool pool;
        auto held = pool.acquire();
        const izh::Trajectory* object = held.get();
        std::thread([moved = std::move(held)]() mutable { moved.reset(); }).join();
        QCOMPARE(pool.acquire().get(), object);
    }

    void veryLargeTrajectoriesAreFreed() {
        TrajectoryPool pool;
        auto large = pool.acquire();
        large->v.reserve(5'000'000);
        const izh::Trajectory* object = large.get();
        large.reset();
        auto next = pool.acquire();
        QVERIFY(next.get() != object || next->v.capacity() < 5'000'000);
    }
};

QTEST_APPLESS_MAIN(TestTrajectoryPool)
#include "test_trajectory_pool.moc"
