// SPDX-License-Identifier: GPL-3.0-or-later
// The galleries of the published figures: each panel runs exactly its preset,
// clicking a panel asks for that preset, and the command line writes the
// images without a display.
#include "core/integrate/simulator.h"
#include "ui/controller/plot_series_builder.h"
#include "ui/gallery/gallery_view.h"

#include <QChartView>
#include <QImage>
#include <QLineSeries>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace izh;

class TestGallery : public QObject {
    Q_OBJECT

private slots:
    void panelsAreThePublishedPresetsInOrder_data() {
        QTest::addColumn<int>("group");
        QTest::addColumn<int>("count");
        QTest::newRow("2003 Fig. 2") << int(PresetGroup::Figure2003) << 8;
        QTest::newRow("2004 features") << int(PresetGroup::Features2004) << 20;
    }
    void panelsAreThePublishedPresetsInOrder() {
        QFETCH(int, group);
        QFETCH(int, count);
        GalleryView gallery{PresetGroup(group)};
        QCOMPARE(gallery.presetIds().size(), count);
        QCOMPARE(gallery.rows(), (count + 3) / 4);
        QStringList expected;
        for (const auto& preset : presets())
            if (preset.group == PresetGroup(group))
                expected << QString::fromStdString(preset.id);
        QCOMPARE(gallery.presetIds(), expected);

        // Each panel's voltage trace is its preset's exact run, reduced for display.
        const auto panels = gallery.findChildren<QChartView*>();
        QCOMPARE(panels.size(), count);
        for (int i = 0; i < count; ++i) {
            const auto& request = findPreset(expected[i].toStdString())->request;
            const auto run = simulate(request);
            const auto series = buildPlotSeries(run, request.model.vpeak,
                                                {0, request.settings.duration, 500});
            const auto* v = qobject_cast<QLineSeries*>(panels[i]->chart()->series().at(0));
            QVERIFY(v);
            QCOMPARE(v->points(), series.v);
        }
    }

    void clickingAPanelAsksForItsPreset() {
        GalleryView gallery(PresetGroup::Figure2003);
        gallery.resize(1200, 500);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        QSignalSpy clicked(&gallery, &GalleryView::presetClicked);
        const auto panels = gallery.findChildren<QChartView*>();
        QTest::mouseClick(panels[2]->viewport(), Qt::LeftButton, {}, QPoint(50, 50));
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.front().front().toString(), QString("CH"));
    }

    void commandLineWritesTheFiguresHeadlessly_data() {
        QTest::addColumn<QString>("option");
        QTest::addColumn<int>("rows");
        QTest::newRow("--figure2") << "--figure2" << 2;
        QTest::newRow("--features2004") << "--features2004" << 5;
    }
    void commandLineWritesTheFiguresHeadlessly() {
        QFETCH(QString, option);
        QFETCH(int, rows);
        QTemporaryDir dir;
        const QString path = dir.filePath("figure.png");
        QProcess cli;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.remove("DISPLAY"); // must not need one
        environment.remove("QT_QPA_PLATFORM");
        cli.setProcessEnvironment(environment);
        cli.start(IZH_CLI_PATH, {option, path});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(3200, 2 * 290 * rows));
        // Not blank: the traces are drawn in blue.
        int blue = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                blue += qBlue(image.pixel(x, y)) > 150 && qRed(image.pixel(x, y)) < 100;
        QVERIFY(blue > 500);
        // An unwritable location: exit 1, nothing written.
        cli.start(IZH_CLI_PATH, {option, dir.filePath("missing/figure.png")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY(cli.readAllStandardError().contains("error: " + option.mid(2).toUtf8() + ": cannot write"));
    }
};

QTEST_MAIN(TestGallery)
#include "test_gallery.moc"
