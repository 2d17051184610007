// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter sweeps: axis parsing and validation, the grid (X fastest, exact
// end points), the CSV of docs/file-formats.md#sweep-csv parsed back (names, order, round-trip
// values, empty undefined fields), each cell's summary against the
// single-trajectory engine, rk45 sweeps, and the --sweep command line (exit
// statuses, "error: NAME: reason", nothing written on failure, the heat map
// PNG).
#include "core/base/invalid_input.h"
#include "core/batch/parameter_sweep.h"
#include "core/integrate/simulator.h"
#include "core/io/sweep_csv.h"
#include "core/model/parameter_catalogue.h"
#include "core/presets/preset_library.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <charconv>

using namespace izh;

namespace {

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

std::vector<std::string> splitFields(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(line.substr(start, comma - start));
        if (comma == std::string::npos)
            return fields;
        start = comma + 1;
    }
}

double parse(const std::string& text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nan("");
    return value;
}

std::string csvOf(const SweepResult& sweep) {
    std::string text;
    const bool ok = writeSweepCsv(sweep, [&](std::string_view chunk) {
        text += chunk;
        return true;
    });
    return ok ? text : std::string();
}

QByteArray readBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

SimulationRequest eulerBase() {
    SimulationRequest base = defaultRequest();
    base.settings.integrator = IntegratorKind::Euler;
    base.settings.duration = 300;
    return base;
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT

    struct Run {
        int exitCode = -1;
        QByteArray out, err;
    };
    Run runCli(const QStringList& arguments, const QString& dir) {
        QProcess process;
        process.setWorkingDirectory(dir);
        process.start(IZH_CLI_PATH, arguments);
        Run run;
        if (process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit)
            run.exitCode = process.exitCode();
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

private slots:
    void parsesAxes() {
        const SweepAxis axis = parseSweepAxis("a=0.01:0.1:10");
        QCOMPARE(axis.name, std::string("a"));
        QCOMPARE(axis.lo, 0.01);
        QCOMPARE(axis.hi, 0.1);
        QCOMPARE(axis.count, std::size_t(10));
        QCOMPARE(parseSweepAxis("I=-5:1e1:1024").count, std::size_t(1024));
        QCOMPARE(parseSweepAxis("d=8:2:4").value(3), 2.0); // descending is fine
    }

    void refusesBadAxes_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("field");
        QTest::newRow("no =") << "a" << "sweep";
        QTest::newRow("two fields") << "a=0:1" << "sweep";
        QTest::newRow("four fields") << "a=0:1:2:3" << "sweep";
        QTest::newRow("unknown name") << "zz=0:1:3" << "zz";
        QTest::newRow("NaN lo") << "a=nan:1:3" << "sweep";
        QTest::newRow("inf hi") << "a=0:inf:3" << "sweep";
        QTest::newRow("junk") << "a=0:1x:3" << "sweep";
        QTest::newRow("N = 0") << "a=0:1:0" << "sweep";
        QTest::newRow("N > 1024") << "a=0:1:1025" << "sweep";
        QTest::newRow("N fractional") << "a=0:1:2.5" << "sweep";
        QTest::newRow("N NaN") << "a=0:1:nan" << "sweep";
        QTest::newRow("overflowing range") << "a=-1e308:1e308:3" << "sweep";
    }
    void refusesBadAxes() {
        QFETCH(QString, spec);
        QFETCH(QString, field);
        try {
            parseSweepAxis(spec.toStdString());
            QFAIL("accepted");
        } catch (const InvalidInput& error) {
            QCOMPARE(QString::fromStdString(error.field()), field);
        }
    }

    void refusesUnsweepableGrids_data() {
        QTest::addColumn<QString>("x");
        QTest::addColumn<QString>("y");
        QTest::addColumn<QString>("field");
        QTest::newRow("dt") << "dt=0.05:0.1:3" << "a=0:1:2" << "dt";
        QTest::newRow("duration") << "a=0:1:2" << "duration=100:200:3" << "duration";
        QTest::newRow("rtol with euler") << "rtol=1e-6:1e-3:3" << "a=0:1:2" << "rtol";
        QTest::newRow("same name twice") << "a=0:1:2" << "a=0:2:2" << "sweep";
        QTest::newRow("vpeak below c at an edge") << "vpeak=-80:30:5" << "a=0:1:2" << "vpeak";
        QTest::newRow("v0 above vpeak at an edge") << "v0=-70:40:5" << "d=0:1:2" << "v0";
    }
    void refusesUnsweepableGrids() {
        QFETCH(QString, x);
        QFETCH(QString, y);
        QFETCH(QString, field);
        try {
            validateSweep(eulerBase(), parseSweepAxis(x.toStdString()),
                          parseSweepAxis(y.toStdString()));
            QFAIL("accepted");
        } catch (const InvalidInput& error) {
            QCOMPARE(QString::fromStdString(error.field()), field);
        }
    }

    void gridValues() {
        const SweepAxis axis{"a", 0.1, 0.7, 7};
        QCOMPARE(axis.value(0), 0.1);
        QCOMPARE(axis.value(6), 0.7); // exactly HI
        QCOMPARE(axis.value(3), 0.1 + (0.7 - 0.1) * 3.0 / 6.0);
        QCOMPARE((SweepAxis{"a", 0.3, 0.9, 1}.value(0)), 0.3); // N = 1: LO
    }

    // The CSV parses back to the grid, X fastest, and every cell agrees with
    // the single-trajectory engine and the spike-train analysis.
    void csvParsesBackToTheGrid() {
        SimulationRequest base = findPreset("RS")->request; // step protocol: I is its amplitude
        base.settings.integrator = IntegratorKind::SemiImplicit;
        const SweepAxis x{"I", -2, 30, 7}, y{"d", 0.5, 9, 5};
        const SweepResult sweep = runSweep(base, x, y);
        QVERIFY(!sweep.cancelled);
        const auto lines = splitLines(csvOf(sweep));
        QCOMPARE(lines.size(), std::size_t(1 + 7 * 5));
        QCOMPARE(lines[0], std::string("I,d,spike_count,first_spike_ms,rate_hz,cv_isi,pattern"));
        int quiet = 0;
        for (std::size_t row = 0; row < 35; ++row) {
            const auto fields = splitFields(lines[row + 1]);
            QCOMPARE(fields.size(), std::size_t(7));
            const std::size_t i = row % 7, j = row / 7; // X fastest
            QCOMPARE(parse(fields[0]), x.value(i));    // round-trip, to the bit
            QCOMPARE(parse(fields[1]), y.value(j));
            const SimulationRequest cell = sweepCellRequest(base, x, y, i, j);
            QCOMPARE(izh::getParameter(cell, "I"), x.value(i));
            const RunOutcome run = simulateSpikes(cell);
            const auto analysis = analyseSpikeTrain(run.spikeTimes, cell.settings.duration);
            QCOMPARE(parse(fields[2]), double(run.spikeTimes.size()));
            if (analysis.firstSpike)
                QCOMPARE(parse(fields[3]), *analysis.firstSpike);
            else
                QCOMPARE(fields[3], std::string()); // undefined: empty
            QCOMPARE(parse(fields[4]), analysis.meanRateHz);
            if (analysis.cvIsi)
                QCOMPARE(parse(fields[5]), *analysis.cvIsi);
            else
                QCOMPARE(fields[5], std::string());
            QCOMPARE(fields[6], std::string(firingPatternId(analysis.pattern)));
            quiet += run.spikeTimes.empty();
        }
        QVERIFY(quiet > 0 && quiet < 35); // I from −2 to 30 crosses the rheobase
    }

    // A grid of thirteen formatting batches (formatted in parallel, in
    // rounds of one per core): every row in order, with its own cell's values.
    void largeGridRowsStayInOrder() {
        SweepResult sweep;
        sweep.x = SweepAxis{"a", 0.01, 0.1, 700};
        sweep.y = SweepAxis{"d", 0, 10, 300}; // 210 000 rows
        sweep.cells.resize(sweep.x.count * sweep.y.count);
        for (std::size_t k = 0; k < sweep.cells.size(); ++k) {
            sweep.cells[k].spikeCount = k;
            sweep.cells[k].rateHz = static_cast<double>(k) / 7.0;
            if (k % 3)
                sweep.cells[k].firstSpike = 0.1 * static_cast<double>(k % 1000);
        }
        const auto lines = splitLines(csvOf(sweep));
        QCOMPARE(lines.size(), 1 + sweep.cells.size());
        for (std::size_t k = 0; k < sweep.cells.size(); ++k) {
            const auto fields = splitFields(lines[k + 1]);
            QCOMPARE(fields.size(), std::size_t(7));
            QCOMPARE(parse(fields[0]), sweep.x.value(k % 700));
            QCOMPARE(parse(fields[1]), sweep.y.value(k / 700));
            QCOMPARE(parse(fields[2]), double(k));
            QCOMPARE(fields[3].empty(), k % 3 == 0);
            QCOMPARE(parse(fields[4]), static_cast<double>(k) / 7.0);
        }
    }

    void divergedCellsAreMarked() {
        SimulationRequest base = eulerBase();
        const SweepResult sweep = runSweep(base, {"a", -4, 0.02, 3}, {"d", 2, 8, 2});
        QVERIFY(sweep.at(0, 0).divergenceTime.has_value());
        QCOMPARE(sweep.at(0, 0).patternId(), std::string_view("diverged"));
        QVERIFY(!sweep.at(2, 0).divergenceTime.has_value());
        const auto lines = splitLines(csvOf(sweep));
        QVERIFY(lines[1].ends_with(",diverged"));
    }

    void rk45SweepsRunTheAdaptiveIntegrator() {
        SimulationRequest base = defaultRequest(); // rk45
        base.settings.duration = 200;
        const SweepAxis x{"I", 5, 15, 3}, y{"rtol", 1e-6, 1e-4, 2};
        const SweepResult sweep = runSweep(base, x, y);
        for (std::size_t j = 0; j < 2; ++j)
            for (std::size_t i = 0; i < 3; ++i)
                QCOMPARE(sweep.at(i, j).spikeCount,
                         simulateSpikes(sweepCellRequest(base, x, y, i, j)).spikeTimes.size());
    }

    void commandLine() {
        QTemporaryDir dir;
        const QString path = dir.filePath("sweep.csv");
        const Run ok = runCli({"--sweep", "a=0.02:0.1:5", "--sweep", "I=0:20:4", "--integrator",
                               "euler", "--duration", "200", "--csv", "sweep.csv", "--threads",
                               "3"},
                              dir.path());
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto lines = splitLines(file.readAll().toStdString());
        QCOMPARE(lines.size(), std::size_t(21));
        QCOMPARE(lines[0], std::string("a,I,spike_count,first_spike_ms,rate_hz,cv_isi,pattern"));
        QCOMPARE(splitFields(lines[2])[0], std::string("0.04")); // X fastest
        QCOMPARE(splitFields(lines[6])[1], std::string("6.666666666666667"));
    }

    void commandLineErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        const QStringList y = {"--sweep", "d=0:8:3"};
        const QStringList csv = {"--csv", "out.csv"};
        QTest::newRow("NaN") << QStringList{"--sweep", "a=nan:1:3"} + y + csv
                             << "error: sweep: a LO: must be a number, not NaN";
        QTest::newRow("N = 0") << QStringList{"--sweep", "a=0:1:0"} + y + csv
                               << "error: sweep: a N: must be between 1 and 1024";
        QTest::newRow("N > 1024") << QStringList{"--sweep", "a=0:1:2000"} + y + csv
                                  << "error: sweep: a N: must be between 1 and 1024";
        QTest::newRow("unknown name") << QStringList{"--sweep", "zz=0:1:3"} + y + csv
                                      << "error: zz: unknown parameter";
        QTest::newRow("dt") << QStringList{"--sweep", "dt=0.01:0.1:3"} + y + csv
                            << "error: dt: cannot be swept";
        QTest::newRow("one axis") << QStringList{"--sweep", "a=0:1:3"} + csv
                                  << "error: sweep: give exactly two";
        QTest::newRow("missing --csv") << QStringList{"--sweep", "a=0:1:3"} + y
                                       << "error: csv: --sweep needs --csv F";
        QTest::newRow("--svg") << QStringList{"--sweep", "a=0:1:3"} + y + csv +
                                      QStringList{"--svg", "x.svg"}
                               << "error: svg: is an output of --simulate, not of --sweep";
        QTest::newRow("--png without a name") << QStringList{"--sweep", "a=0:1:3"} + y + csv +
                                                     QStringList{"--png", ""}
                                              << "error: png: needs a file name";
        QTest::newRow("--png the --csv file") << QStringList{"--sweep", "a=0:1:3"} + y + csv +
                                                     QStringList{"--png", "./out.csv"}
                                              << "error: png: './out.csv' is the same file as --csv 'out.csv'";
        QTest::newRow("unknown --metric") << QStringList{"--sweep", "a=0:1:3"} + y + csv +
                                                 QStringList{"--png", "x.png", "--metric", "isi"}
                                          << "error: metric: unknown metric 'isi' (spike_count, "
                                             "rate_hz, first_spike_ms, cv_isi, pattern)";
        QTest::newRow("--metric without --png") << QStringList{"--sweep", "a=0:1:3"} + y + csv +
                                                       QStringList{"--metric", "rate_hz"}
                                                << "error: metric: chooses what --png";
        QTest::newRow("--metric without --sweep")
            << QStringList{"--simulate", "--metric", "rate_hz"}
            << "error: metric: is an option of --sweep";
        QTest::newRow("--spikes") << QStringList{"--sweep", "a=0:1:3"} + y + csv +
                                         QStringList{"--spikes", "s.csv"}
                                  << "error: spikes: is an output of --simulate";
        QTest::newRow("with --simulate") << QStringList{"--simulate", "--sweep", "a=0:1:3"} + y +
                                                csv
                                         << "error: command line: --simulate and --sweep "
                                            "choose different commands";
        QTest::newRow("threads 0") << QStringList{"--sweep", "a=0:1:3"} + y + csv +
                                          QStringList{"--threads", "0"}
                                   << "error: threads: must be a whole number";
        QTest::newRow("vpeak below c") << QStringList{"--sweep", "vpeak=-80:30:3"} + y + csv
                                       << "error: vpeak: must be above the reset";
    }
    void commandLineErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const Run run = runCli(arguments, dir.path());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).startsWith(error), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }

    void heatMapPng() {
        // docs/file-formats.md#sweep-csv: --csv F [--png F]; the PNG is the sweep window's heat map,
        // 1200×900 logical pixels at 2×.
        QTemporaryDir dir;
        const QStringList grid = {"--sweep", "a=0.01:0.1:40", "--sweep", "d=2:8:30",
                                  "--integrator", "euler", "--duration", "300", "--csv",
                                  "sweep.csv"};
        const Run run = runCli(grid + QStringList{"--png", "map.png"}, dir.path());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("heat map of spike_count written to map.png"));
        QFile csv(dir.filePath("sweep.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(splitLines(csv.readAll().toStdString()).size(), std::size_t(1 + 40 * 30));

        const QImage image(dir.filePath("map.png"), "PNG");
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(2400, 1800));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        // Spike counts from a few to over a hundred: a gradient, not a blank page.
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));

        // spike_count is the default metric.
        const QByteArray byDefault = readBytes(dir.filePath("map.png"));
        const Run explicitMetric =
            runCli(grid + QStringList{"--png", "map2.png", "--metric", "spike_count"}, dir.path());
        QCOMPARE(explicitMetric.exitCode, 0);
        QCOMPARE(readBytes(dir.filePath("map2.png")), byDefault);

        // The firing-pattern classes in their categorical colours: a sweep of
        // (I, b) crosses quiescent, tonic spiking, adaptation and mixed mode.
        const Run patterns = runCli({"--sweep", "I=-5:40:60", "--sweep", "b=-0.5:0.3:40",
                                     "--integrator", "euler", "--duration", "500", "--csv",
                                     "p.csv", "--png", "p.png", "--metric", "pattern"},
                                    dir.path());
        QVERIFY2(patterns.exitCode == 0, patterns.err.constData());
        const QImage classes(dir.filePath("p.png"), "PNG");
        QCOMPARE(classes.size(), QSize(2400, 1800));
        // Inside the map (left margin 70, title above, key on the right): only
        // the palette's colours, at least four of them.
        const QSet<QRgb> palette = {qRgb(0xdd, 0xdd, 0xdd), qRgb(0x00, 0x72, 0xb2),
                                    qRgb(0x56, 0xb4, 0xe9), qRgb(0xd5, 0x5e, 0x00),
                                    qRgb(0xe6, 0x9f, 0x00), qRgb(0xcc, 0x79, 0xa7),
                                    qRgb(0x00, 0x9e, 0x73), qRgb(0x00, 0x00, 0x00)};
        QSet<QRgb> inside;
        for (int y = 300; y < 1600; y += 5)
            for (int x = 200; x < 1800; x += 5)
                inside.insert(classes.pixel(x, y) | 0xff000000);
        QVERIFY2(inside.size() >= 4, qPrintable(QString::number(inside.size())));
        for (QRgb colour : inside)
            QVERIFY2(palette.contains(colour), qPrintable(QString::number(colour, 16)));
    }

    void unwritableHeatMapWritesNothing() {
        QTemporaryDir dir;
        const QByteArray precious = "precious data, must survive a failed run\n";
        {
            QFile old(dir.filePath("out.csv"));
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write(precious);
        }
        const Run run = runCli({"--sweep", "a=0:0.1:3", "--sweep", "d=0:8:3", "--csv", "out.csv",
                                "--png", "missing-folder/map.png"},
                               dir.path());
        QCOMPARE(run.exitCode, 1);
        // Drawing starts Qt's GUI side, which may warn first (e.g. XDG_RUNTIME_DIR unset).
        const auto errorLine = [](const QByteArray& err) {
            for (const QByteArray& line : err.split('\n'))
                if (line.startsWith("error: "))
                    return line;
            return QByteArray();
        };
        QVERIFY2(errorLine(run.err).startsWith("error: png: cannot write 'missing-folder/map.png'"),
                 run.err.constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{"out.csv"});
        QCOMPARE(readBytes(dir.filePath("out.csv")), precious);
    }

    void unwritableOutputWritesNothing() {
        QTemporaryDir dir;
        const Run run = runCli({"--sweep", "a=0:0.1:3", "--sweep", "d=0:8:3", "--csv",
                                "missing-folder/out.csv"},
                               dir.path());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.startsWith("error: "));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "test_sweep.moc"
