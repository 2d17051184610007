// SPDX-License-Identifier: GPL-3.0-or-later
// The sweep window: runs in the background, shows the grid, and a click loads
// a cell's exact parameters.
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"
#include "ui/sweep/heat_map_view.h"
#include "ui/sweep/sweep_window.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace izh;

class TestSweepWindow : public QObject {
    Q_OBJECT

private slots:
    void sweepRunsShowsAndLoadsCells() {
        auto base = defaultRequest();
        base.settings.integrator = IntegratorKind::Euler;
        base.settings.duration = 300;
        SweepWindow window(base);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const SweepAxis x{"a", 0.01, 0.1, 24}, y{"d", 2, 8, 16};
        window.setAxes(x, y);
        QSignalSpy finished(&window, &SweepWindow::finished);
        QElapsedTimer responsive;
        responsive.start();
        window.run();
        QVERIFY(responsive.elapsed() < 200); // the GUI thread does not run the grid
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.front().front().toBool(), false);
        const auto result = window.heatMap()->result();
        QVERIFY(result);
        QCOMPARE(result->cells.size(), std::size_t(24 * 16));

        // A few cells against the single-trajectory engine.
        for (auto [i, j] : {std::pair<std::size_t, std::size_t>{0, 0}, {23, 15}, {7, 9}}) {
            const auto request = sweepCellRequest(base, x, y, i, j);
            QCOMPARE(result->at(i, j).spikeCount, simulateSpikes(request).spikeTimes.size());
        }

        // Clicking the centre of cell (7, 9) chooses exactly its parameters.
        QSignalSpy chosen(&window, &SweepWindow::cellChosen);
        const QRect map = window.heatMap()->mapRect();
        const QPoint centre(map.left() + int((7 + 0.5) * map.width() / 24.0),
                            map.bottom() - int((9 + 0.5) * map.height() / 16.0));
        QTest::mouseClick(window.heatMap(), Qt::LeftButton, {}, centre);
        QCOMPARE(chosen.size(), 1);
        const auto request = chosen.front().front().value<SimulationRequest>();
        QCOMPARE(request, sweepCellRequest(base, x, y, 7, 9));

        QTemporaryDir dir;
        QVERIFY(window.exportCsv(dir.filePath("sweep.csv")));
        QFile csv(dir.filePath("sweep.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const auto lines = csv.readAll().split('\n');
        QCOMPARE(lines.front(), QByteArray("a,d,spike_count,first_spike_ms,rate_hz,cv_isi,pattern"));
        QCOMPARE(lines.size(), 24 * 16 + 2); // header, rows, final newline
        QVERIFY(window.exportPng(dir.filePath("map.png")));
        QVERIFY(!QImage(dir.filePath("map.png")).isNull());
        window.heatMap()->setMetric(HeatMapView::Metric::Pattern);
        if (qEnvironmentVariableIsSet("IZH_SAVE_SWEEP_PNG"))
            window.grab().save(qEnvironmentVariable("IZH_SAVE_SWEEP_PNG"));
        QVERIFY(!window.exportCsv(dir.filePath("missing/sweep.csv")));
        QVERIFY(!window.lastError().isEmpty());
    }

    void cancelStopsTheSweep() {
        auto base = defaultRequest();
        base.settings.integrator = IntegratorKind::Euler;
        base.settings.duration = 1000;
        SweepWindow window(base);
        window.setAxes({"a", 0.01, 0.1, 1024}, {"d", 2, 8, 1024}); // minutes of work
        QSignalSpy finished(&window, &SweepWindow::finished);
        window.run();
        QTest::qWait(300);
        window.cancel();
        QVERIFY(finished.wait(10000)); // minutes of work would not end within this
        QCOMPARE(finished.front().front().toBool(), true);
    }
};

QTEST_MAIN(TestSweepWindow)
#include "test_sweep_window.moc"
