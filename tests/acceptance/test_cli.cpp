// SPDX-License-Identifier: GPL-3.0-or-later
// The headless command line of docs/command-line.md, driven as a user drives it: the real
// binary in a scratch folder. Every exit status, every kind of bad input
// ("error: NAME: reason", nothing written, existing files untouched), the
// outputs' format, divergence, and the order in which options apply.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <thread>
#include <sys/sysmacros.h>
#include <sys/stat.h>
#include <charconv>
#include <cmath>
#include <csignal>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

namespace {

struct Result {
    int exitCode = -1;
    bool normalExit = false; // false: crashed (e.g. an uncaught exception) or timed out
    QByteArray out, err;
    qint64 ms = 0;

    QString describe() const {
        return QString("exit %1%2, %3 ms\nstdout: %4\nstderr: %5")
            .arg(exitCode)
            .arg(normalExit ? "" : " (crashed or timed out)")
            .arg(ms)
            .arg(QString::fromUtf8(out.left(600)), QString::fromUtf8(err.left(600)));
    }
};

// Fails the current test unless the run ended normally with `code`.
#define EXPECT_EXIT(result, code)                                                             \
    QVERIFY2((result).normalExit && (result).exitCode == (code), qPrintable((result).describe()))

// Fails unless stderr's first line begins with `prefix`.
#define EXPECT_ERROR(result, prefix)                                                          \
    QVERIFY2(QString::fromUtf8((result).err).startsWith(prefix),                              \
             qPrintable(QString("expected stderr to start with \"%1\"\n%2")                  \
                            .arg(prefix, (result).describe())))

const QByteArray kPrecious = "precious data, must survive a failed run\n";

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

struct Csv {
    QByteArray header;
    std::vector<std::vector<double>> rows;
    bool ok = false; // every row parsed, every field a whole number, file ends with '\n'
};

// Parses a CSV written by the program, locale-free (std::from_chars).
Csv parseCsv(const QByteArray& text) {
    Csv csv;
    if (!text.endsWith('\n'))
        return csv;
    QList<QByteArray> lines = text.split('\n');
    lines.removeLast();
    if (lines.isEmpty())
        return csv;
    csv.header = lines.takeFirst();
    for (const QByteArray& line : lines) {
        std::vector<double> row;
        for (const QByteArray& field : line.split(',')) {
            double value = 0;
            const auto [end, ec] =
                std::from_chars(field.constData(), field.constData() + field.size(), value);
            if (ec != std::errc() || end != field.constData() + field.size())
                return csv;
            row.push_back(value);
        }
        csv.rows.push_back(std::move(row));
    }
    csv.ok = true;
    return csv;
}

// "key=value" from the summary the program prints on stdout.
QString summaryValue(const QByteArray& out, const QString& key) {
    const QRegularExpression pattern("(?:^|\\s)" + QRegularExpression::escape(key) + "=(\\S+)",
                                     QRegularExpression::MultilineOption);
    return pattern.match(QString::fromUtf8(out)).captured(1);
}

// The ids docs/presets.md promises, in its order.
const QStringList kPresetIds = {
    "RS", "IB", "CH", "FS", "TC", "TC-rebound", "RZ", "LTS", "tonic-spiking", "phasic-spiking",
    "tonic-bursting", "phasic-bursting", "mixed-mode", "spike-frequency-adaptation", "class-1",
    "class-2", "spike-latency", "subthreshold-oscillations", "resonator", "integrator",
    "rebound-spike", "rebound-burst", "threshold-variability", "bistability", "DAP",
    "accommodation", "inhibition-induced-spiking", "inhibition-induced-bursting",
    "nestml-tutorial"};

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> dir_;

    QString at(const QString& name) const { return dir_->filePath(name); }

    Result run(const QStringList& arguments,
               const std::function<void()>& inChild = {}) const {
        return runProgram(IZH_CLI_PATH, arguments, QProcessEnvironment::systemEnvironment(),
                          inChild);
    }

    Result runProgram(const QString& program, const QStringList& arguments,
                      const QProcessEnvironment& environment,
                      const std::function<void()>& inChild = {}) const {
        QProcess process;
        process.setProgram(program);
        process.setArguments(arguments);
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(dir_->path());
        if (inChild)
            process.setChildProcessModifier(inChild);
        QElapsedTimer timer;
        timer.start();
        process.start();
        Result result;
        if (!process.waitForFinished(20000)) {
            process.kill();
            process.waitForFinished();
        } else {
            result.normalExit = process.exitStatus() == QProcess::NormalExit;
            result.exitCode = process.exitCode();
        }
        result.ms = timer.elapsed();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    // Every entry below the scratch folder with its bytes: equal snapshots
    // mean nothing was written, replaced or left behind (e.g. temporary files).
    QMap<QString, QByteArray> snapshot() const {
        QMap<QString, QByteArray> entries;
        QDirIterator it(dir_->path(), QDir::AllEntries | QDir::Hidden | QDir::System |
                                          QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            entries[QDir(dir_->path()).relativeFilePath(path)] =
                it.fileInfo().isDir() ? QByteArray("<folder>") : readAll(path);
        }
        return entries;
    }

    // The trajectory CSV of a run with `arguments`, for comparing outcomes.
    QByteArray trajectoryOf(QStringList arguments) const {
        QFile::remove(at("compare.csv"));
        arguments.prepend("--simulate");
        arguments << "--csv" << "compare.csv";
        const Result result = run(arguments);
        if (!result.normalExit || result.exitCode != 0)
            return "<failed: " + result.err + ">";
        return readAll(at("compare.csv"));
    }

private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
    }
    void cleanup() {
        QFile::setPermissions(at("ro"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        dir_.reset();
    }

    // ---- informational modes: exit 0, no files ----------------------------

    void help_data() {
        QTest::addColumn<QString>("option");
        QTest::newRow("--help") << "--help";
        QTest::newRow("-h") << "-h";
        QTest::newRow("--help-all") << "--help-all"; // once ran the GUI stand-in
    }
    void help() {
        QFETCH(QString, option);
        const Result result = run({option});
        EXPECT_EXIT(result, 0);
        QVERIFY(result.err.isEmpty());
        const QString text = QString::fromUtf8(result.out);
        QVERIFY2(text.startsWith("Usage: izhikevich-explorer "), qPrintable(text.left(80)));
        for (const char* option : {"--simulate", "--list-presets", "--preset", "--params",
                                   "--set", "--duration", "--dt", "--integrator", "--rtol",
                                   "--atol", "--csv", "--spikes"})
            QVERIFY2(text.contains(option), option);
        QVERIFY(snapshot().isEmpty()); // asking for help writes nothing
    }

    // The manual page (packaging/izhikevich-explorer.1) documents every option
    // --help lists, and no option the program does not have.
    void manualPageMatchesTheOptions() {
        const Result result = run({"--help"});
        EXPECT_EXIT(result, 0);
        const QRegularExpression optionName("--([a-z0-9][a-z0-9-]*)");
        QSet<QString> helped;
        for (const QString& line : QString::fromUtf8(result.out).split('\n'))
            if (line.startsWith("  -"))
                for (const auto& match : optionName.globalMatch(line.section("  ", 1, 1)))
                    helped << match.captured(1);
        QFile page(QStringLiteral(IZH_SOURCE_DIR) + "/packaging/izhikevich-explorer.1");
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString roff = QString::fromUtf8(page.readAll()).replace("\\-", "-");
        QSet<QString> documented;
        for (const auto& match : optionName.globalMatch(roff))
            documented << match.captured(1);
        QVERIFY(helped.size() > 20);
        QCOMPARE(documented - helped, QSet<QString>());
        QCOMPARE(helped - documented, QSet<QString>());
    }

    void version() {
        const Result result = run({"--version"});
        EXPECT_EXIT(result, 0);
        QVERIFY(QRegularExpression("^izhikevich-explorer \\d+\\.\\d+\\.\\d+\\n$")
                    .match(QString::fromUtf8(result.out))
                    .hasMatch());
        QVERIFY(snapshot().isEmpty());
    }

    void listPresets() {
        const Result result = run({"--list-presets"});
        EXPECT_EXIT(result, 0);
        QVERIFY(result.err.isEmpty());
        QVERIFY(result.out.endsWith('\n'));
        const QStringList lines = QString::fromUtf8(result.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 29);
        QStringList ids;
        for (const QString& line : lines) {
            const QStringList parts = line.split('\t');
            QVERIFY2(parts.size() == 2 && !parts[0].isEmpty() && !parts[1].trimmed().isEmpty() &&
                         !parts[0].contains(' '),
                     qPrintable(line));
            ids << parts[0];
        }
        QCOMPARE(ids, kPresetIds); // the stable ids of docs/presets.md, in display order
        QVERIFY(snapshot().isEmpty());
    }

    // Every listed preset is accepted by --preset and simulates to the end.
    void everyListedPresetRuns() {
        for (const QString& id : kPresetIds) {
            const Result result = run({"--simulate", "--preset", id});
            EXPECT_EXIT(result, 0);
            QCOMPARE(summaryValue(result.out, "duration_ms").isEmpty(), false);
        }
    }

    // ---- where outputs go ----------------------------------------------------

    // A device and a FIFO are written to, not replaced by a regular file; "-"
    // is standard output (and the summary goes to standard error).
    void devicesFifosAndStandardOutput() {
        const QByteArray expected = trajectoryOf({"--preset", "RS"});
        if (::mknod(QFile::encodeName(at("mynull")).constData(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
            const Result device = run({"--simulate", "--preset", "RS", "--csv", "mynull"});
            EXPECT_EXIT(device, 0);
            struct stat info {};
            QVERIFY(::lstat(QFile::encodeName(at("mynull")).constData(), &info) == 0);
            QVERIFY2(S_ISCHR(info.st_mode), "the device stand-in was replaced");
        }
        QVERIFY(::mkfifo(QFile::encodeName(at("pipe")).constData(), 0600) == 0);
        QByteArray received;
        std::thread reader([&] {
            QFile fifo(at("pipe"));
            if (fifo.open(QIODevice::ReadOnly))
                received = fifo.readAll();
        });
        const Result piped = run({"--simulate", "--preset", "RS", "--csv", "pipe"});
        reader.join();
        EXPECT_EXIT(piped, 0);
        QCOMPARE(received, expected);
        struct stat info {};
        QVERIFY(::lstat(QFile::encodeName(at("pipe")).constData(), &info) == 0 && S_ISFIFO(info.st_mode));

        const Result dash = run({"--simulate", "--preset", "RS", "--csv", "-"});
        EXPECT_EXIT(dash, 0);
        QCOMPARE(dash.out, expected);
        QVERIFY(dash.err.contains("spike_count=5 "));
    }

    // Two outputs that are one file, through a link to the file or to its
    // folder, are refused before anything runs.
    void outputsThatAreOneFileAreRefused() {
        writeFile(at("a.csv"), kPrecious);
        QVERIFY(QFile::link(at("a.csv"), at("l.csv")));
        QVERIFY(QFile::link(dir_->path(), at("here")));
        const auto before = snapshot();
        const Result linked = run({"--simulate", "--preset", "RS", "--csv", "a.csv", "--spikes", "l.csv"});
        EXPECT_EXIT(linked, 2);
        EXPECT_ERROR(linked, "error: spikes: 'l.csv' is the same file as --csv 'a.csv'");
        const Result folder =
            run({"--simulate", "--preset", "RS", "--csv", "a.csv", "--spikes", "here/a.csv"});
        EXPECT_EXIT(folder, 2);
        EXPECT_ERROR(folder, "error: spikes: 'here/a.csv' is the same file as --csv 'a.csv'");
        const Result twice = run({"--simulate", "--preset", "RS", "--csv", "a.csv", "--csv", "b.csv"});
        EXPECT_EXIT(twice, 2);
        EXPECT_ERROR(twice, "error: csv: is given more than once (a.csv, b.csv); give one file");
        QCOMPARE(snapshot(), before);
    }

    // A sweep's CSV and PNG are committed together: when the PNG's place is
    // taken while the sweep runs, the old CSV stays, and the reason is said.
    void outputsAreCommittedTogether() {
        QVERIFY(QDir(dir_->path()).mkdir("d1") && QDir(dir_->path()).mkdir("d2"));
        writeFile(at("d1/out.csv"), kPrecious);
        QProcess process;
        process.setWorkingDirectory(dir_->path());
        process.start(IZH_CLI_PATH, {"--sweep", "a=0.01:0.1:256", "--sweep", "d=2:8:64", "--duration",
                                     "2000", "--integrator", "euler", "--threads", "1", "--csv",
                                     "d1/out.csv", "--png", "d2/out.png"});
        QVERIFY(process.waitForStarted());
        QTest::qWait(300); // the outputs are open, the grid is running
        QVERIFY(QDir(dir_->path()).mkdir("d2/out.png"));
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.startsWith("error: png: cannot write 'd2/out.png': something other than a file is there now"),
                 qPrintable(err));
        QCOMPARE(readAll(at("d1/out.csv")), kPrecious);
        QCOMPARE(QDir(at("d1")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"out.csv"});
    }

    // A file name that is not UTF-8 is written under the very bytes given.
    void nonUtf8FileNamesAreKept() {
        const QByteArray name("out\xff\xfe.csv");
        const Result result = runProgram(
            "/bin/sh",
            {"-c", QString("\"%1\" --simulate --preset RS --spikes \"$(printf 'out\\377\\376.csv')\"")
                       .arg(IZH_CLI_PATH)},
            QProcessEnvironment::systemEnvironment());
        EXPECT_EXIT(result, 0);
        const QByteArray path = QFile::encodeName(dir_->path()) + "/" + name;
        QVERIFY2(::access(path.constData(), F_OK) == 0, "no file under the bytes given");
        ::unlink(path.constData()); // QTemporaryDir cannot name it
    }

    // What standard output cannot take is an error (a /dev/full stand-in).
    void standardOutputErrorsAreReported() {
        if (::mknod(QFile::encodeName(at("full")).constData(), S_IFCHR | 0666, makedev(1, 7)) != 0)
            QSKIP("mknod needs root here");
        const Result result = runProgram(
            "/bin/sh", {"-c", QString("\"%1\" --list-presets > full").arg(IZH_CLI_PATH)},
            QProcessEnvironment::systemEnvironment());
        EXPECT_EXIT(result, 1);
        EXPECT_ERROR(result, "error: standard output: cannot write: No space left on device");
    }

    // ---- headless drawing ----------------------------------------------------

    // Every mode but the window runs without a display, those that draw too
    // (on the offscreen platform, chosen by the program itself).
    void headlessModesNeedNoDisplay() {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* variable : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR"})
            environment.remove(variable);
        const Result sweep = runProgram(
            IZH_CLI_PATH,
            {"--sweep", "a=0.02:0.1:3", "--sweep", "d=2:8:2", "--duration", "50", "--dt", "0.5",
             "--integrator", "euler", "--csv", "sweep.csv", "--png", "sweep.png"},
            environment);
        EXPECT_EXIT(sweep, 0);
        const Result plot = runProgram(
            IZH_CLI_PATH, {"--simulate", "--preset", "RS", "--png", "rs.png", "--svg", "rs.svg"},
            environment);
        EXPECT_EXIT(plot, 0);
        for (const char* image : {"sweep.png", "rs.png"})
            QVERIFY2(!QImage(at(image)).isNull(), image);
        QVERIFY(readAll(at("rs.svg")).contains("<svg"));
        // Nothing but the program's own messages: no remarks of Qt's about
        // the platform ("XDG_RUNTIME_DIR not set", "propagateSizeHints").
        QCOMPARE(sweep.err, QByteArray());
        QCOMPARE(plot.err, QByteArray());
    }

    // ---- --simulate: the outputs --------------------------------------------

    void simulateWritesCsvAndSpikes() {
        const Result result =
            run({"--simulate", "--preset", "RS", "--csv", "traj.csv", "--spikes", "spikes.csv"});
        EXPECT_EXIT(result, 0);
        QVERIFY2(result.err.isEmpty(), result.err.constData());

        const Csv traj = parseCsv(readAll(at("traj.csv")));
        QVERIFY(traj.ok);
        QCOMPARE(traj.header, QByteArray("t_ms,v_mV,u,I"));
        QCOMPARE(traj.rows.size(), std::size_t(150 / 0.25 + 1)); // t = 0 .. duration
        for (std::size_t j = 0; j < traj.rows.size(); ++j) {
            const auto& row = traj.rows[j];
            QCOMPARE(row.size(), std::size_t(4));
            QCOMPARE(row[0], static_cast<double>(j) * 0.25);
            QVERIFY(row[1] >= -90 && row[1] <= 30); // never above vpeak
            // RS's protocol (docs/presets.md): 14 for t > 15, else 0.
            QCOMPARE(row[3], row[0] > 15 ? 14.0 : 0.0);
        }

        const Csv spikes = parseCsv(readAll(at("spikes.csv")));
        QVERIFY(spikes.ok);
        QCOMPARE(spikes.header, QByteArray("spike_ms"));
        QVERIFY(!spikes.rows.empty());
        QCOMPARE(summaryValue(result.out, "spike_count"), QString::number(spikes.rows.size()));
        // Each spike is the sample where the trace is drawn at vpeak (docs/integrators.md#fixed-step-conventions).
        std::size_t peaks = 0;
        for (const auto& row : traj.rows)
            peaks += row[1] == 30;
        QCOMPARE(peaks, spikes.rows.size());
        for (const auto& spike : spikes.rows) {
            QCOMPARE(spike.size(), std::size_t(1));
            const auto j = static_cast<std::size_t>(std::llround(spike[0] / 0.25));
            QCOMPARE(traj.rows.at(j)[0], spike[0]);
            QCOMPARE(traj.rows.at(j)[1], 30.0);
        }
    }

    void rowCountIsDurationOverDtPlusOne_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("rows");
        QTest::newRow("default rk45, 50 ms at 0.5") << QStringList{"--duration", "50", "--dt", "0.5"} << 101;
        QTest::newRow("euler 1 ms at 0.1") << QStringList{"--integrator", "euler", "--duration", "1", "--dt", "0.1"} << 11;
        QTest::newRow("DAP 50 ms at 0.1") << QStringList{"--preset", "DAP"} << 501;
        QTest::newRow("rk4 7 ms at 0.7") << QStringList{"--integrator", "rk4", "--duration", "7", "--dt", "0.7"} << 11;
    }
    void rowCountIsDurationOverDtPlusOne() {
        QFETCH(QStringList, arguments);
        QFETCH(int, rows);
        const Result result = run(QStringList{"--simulate", "--csv", "t.csv"} + arguments);
        EXPECT_EXIT(result, 0);
        const Csv csv = parseCsv(readAll(at("t.csv")));
        QVERIFY(csv.ok);
        QCOMPARE(int(csv.rows.size()), rows);
        for (const auto& row : csv.rows)
            for (double value : row)
                QVERIFY(std::isfinite(value));
    }

    // Only the outputs asked for are written.
    void spikesOnly() {
        const Result result = run({"--simulate", "--preset", "FS", "--spikes", "s.csv"});
        EXPECT_EXIT(result, 0);
        const auto files = snapshot();
        QCOMPARE(files.keys(), QStringList{"s.csv"});
        QVERIFY(parseCsv(files["s.csv"]).ok);
    }

    // ---- exit 2: invalid input ----------------------------------------------

    void invalidInput_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        // All rows run `--simulate ARGS --csv out.csv --spikes spikes.csv` unless
        // they start with "!" (then ARGS is the whole command line).
        auto row = [](const char* name, QStringList arguments, const char* error) {
            QTest::newRow(name) << arguments << QString(error);
        };
        for (const char* bad : {"nan", "NaN", "-nan", "inf", "-inf", "+inf", "infinity"}) {
            const QString value = bad;
            const QString expected = value.contains("nan", Qt::CaseInsensitive)
                                         ? ": must be a number, not NaN"
                                         : ": must be finite";
            for (const char* name : {"a", "I", "u0"})
                QTest::newRow(qPrintable(QString("--set %1=%2").arg(name, value)))
                    << QStringList{"--set", QString("%1=%2").arg(name, value)}
                    << QString("error: %1%2").arg(name, expected);
            for (const char* option : {"dt", "duration", "rtol", "atol"})
                QTest::newRow(qPrintable(QString("--%1 %2").arg(option, value)))
                    << QStringList{QString("--") + option, value}
                    << QString("error: %1%2").arg(option, expected);
        }
        for (const char* bad : {"", "x", "1,5", "0x10", "1e", "--1", "1.5ms", "1e999"}) {
            const QString value = bad;
            const QString expected = ": '" + value + "' is not a number";
            QTest::newRow(qPrintable("--set a=" + value))
                << QStringList{"--set", "a=" + value} << "error: a" + expected;
            for (const char* option : {"dt", "duration", "rtol"})
                QTest::newRow(qPrintable(QString("--%1 '%2'").arg(option, value)))
                    << QStringList{QString("--") + option, value}
                    << QString("error: %1").arg(option) + expected;
        }
        row("unknown --set name", {"--set", "zz=1"}, "error: zz: unknown parameter");
        row("--set with a typo'd name", {"--set", "vpk=30"}, "error: vpk: unknown parameter");
        row("--set without =", {"--set", "a"}, "error: set: expected NAME=VALUE, got 'a'");
        row("--set without name", {"--set", "=0.1"}, "error: set: expected NAME=VALUE");
        row("dt zero", {"--dt", "0"}, "error: dt: must be positive");
        row("dt negative", {"--dt", "-0.1"}, "error: dt: must be positive");
        row("dt above duration", {"--duration", "10", "--dt", "20"},
            "error: dt: must not exceed the duration");
        row("dt above default duration", {"--dt", "2000"}, "error: dt: must not exceed");
        row("duration zero", {"--duration", "0"}, "error: duration: must be positive");
        row("duration negative", {"--duration", "-5"}, "error: duration: must be positive");
        row("rtol zero", {"--rtol", "0"}, "error: rtol: must be between 0 and 1");
        row("rtol one", {"--rtol", "1"}, "error: rtol: must be between 0 and 1");
        row("atol zero", {"--atol", "0"}, "error: atol: must be positive");
        row("vpeak below reset", {"--set", "vpeak=-70"}, "error: vpeak: must be above the reset");
        row("v0 above vpeak", {"--set", "v0=40"}, "error: v0: must be below vpeak");
        row("unknown integrator", {"--integrator", "leapfrog"},
            "error: integrator: unknown integrator 'leapfrog'");
        row("empty integrator", {"--integrator", ""}, "error: integrator: unknown integrator ''");
        row("unknown preset", {"--preset", "XX"}, "error: preset: unknown preset 'XX'");
        row("unknown option", {"--bogus"}, "error: command line: Unknown option 'bogus'");
        row("missing --params file", {"--params", "nowhere.json"},
            "error: nowhere.json: no such file");
        row("--params is a folder", {"--params", "adir"},
            "error: adir: is a folder, not a parameter file");
        row("positional file with --simulate", {"p.json"},
            "error: command line: unexpected argument 'p.json'");
        row("missing value", {"!", "--simulate", "--csv", "out.csv", "--dt"},
            "error: command line: Missing value after '--dt'");
        row("empty --csv", {"!", "--simulate", "--csv", ""}, "error: csv: needs a file name");
        row("same file twice", {"!", "--simulate", "--csv", "out.csv", "--spikes", "./out.csv"},
            "error: spikes: './out.csv' is the same file as --csv 'out.csv'");
        row("--csv without --simulate", {"!", "--list-presets", "--csv", "out.csv"},
            "error: csv: is an output of --simulate");
        row("two modes", {"!", "--list-presets", "--simulate"},
            "error: command line: --list-presets and --simulate choose different commands");
    }
    void invalidInput() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        writeFile(at("out.csv"), kPrecious);
        writeFile(at("spikes.csv"), kPrecious);
        QVERIFY(QDir(dir_->path()).mkdir("adir"));
        const auto before = snapshot();

        if (arguments.value(0) == "!")
            arguments.removeFirst();
        else
            arguments = QStringList{"--simulate"} + arguments +
                        QStringList{"--csv", "out.csv", "--spikes", "spikes.csv"};
        const Result result = run(arguments);
        EXPECT_EXIT(result, 2);
        EXPECT_ERROR(result, error);
        QCOMPARE(result.err.count('\n'), 1); // one line: the error
        QVERIFY(result.out.isEmpty());
        QCOMPARE(snapshot(), before); // nothing written, existing outputs untouched
    }

    // Absurd run lengths are refused up front, naming the limit, without
    // trying to allocate or run them.
    void absurdDurationsAreRefusedBeforeRunning_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("limit");
        QTest::newRow("1e12 ms with a trace") << QStringList{"--duration", "1e12", "--csv", "t.csv"} << "20000000 recorded samples";
        QTest::newRow("1e12 ms, spikes only") << QStringList{"--duration", "1e12", "--spikes", "s.csv"} << "200000000 steps";
        QTest::newRow("1e308 ms") << QStringList{"--duration", "1e308", "--integrator", "euler"} << "200000000 steps";
        QTest::newRow("tiny dt") << QStringList{"--duration", "1000", "--dt", "1e-300"} << "200000000 steps";
        QTest::newRow("just over the trace limit") << QStringList{"--duration", "2000000.1", "--dt", "0.1", "--csv", "t.csv"} << "20000000 recorded samples";
    }
    void absurdDurationsAreRefusedBeforeRunning() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, limit);
        const Result result = run(QStringList{"--simulate"} + arguments);
        EXPECT_EXIT(result, 2);
        EXPECT_ERROR(result, "error: duration: ");
        QVERIFY2(result.err.contains(("the limit is " + limit).toUtf8()), result.err.constData());
        QVERIFY(snapshot().isEmpty());
    }

    // ---- exit 2: bad parameter files ----------------------------------------

    void invalidParameterFile_data() {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("error");
        const QByteArray header = R"("format": "izhikevich-explorer-parameters", "version": 1)";
        // The message names the file as given, then the line and column of
        // `marker` (the first occurrence; one-line files), the field and why.
        auto located = [](const QByteArray& contents, const QByteArray& marker, const char* rest) {
            const qsizetype at = contents.indexOf(marker);
            Q_ASSERT(at >= 0);
            return QString("error: p.json:1:%1: %2").arg(at + 1).arg(rest);
        };
        auto row = [&](const char* name, const QByteArray& body, const QByteArray& marker,
                       const char* error) {
            const QByteArray contents = "{" + header + ", " + body + "}";
            QTest::newRow(name) << contents << located(contents, marker, error);
        };
        row("a is a string", R"("model": {"a": "x"})", R"("x")", "model.a: must be a number");
        row("model is a list", R"("model": [])", "[]", "model: must be an object");
        row("steps is an object", R"("protocol": {"steps": {}})", "{}}",
            "protocol.steps: must be a list");
        row("t_off is a string", R"("protocol": {"steps": [{"t_on": 1, "t_off": "x"}]})", R"("x")",
            "protocol.steps[0].t_off: must be a number");
        row("integrator is a number", R"("simulation": {"integrator": 4})", "4}",
            "simulation.integrator: must be a string");
        row("unknown integrator", R"("simulation": {"integrator": "leapfrog"})", R"("leapfrog")",
            "simulation.integrator: unknown integrator 'leapfrog'");
        row("a is 1e999", R"("model": {"a": 1e999})", "1e999", "model.a: must be finite");
        row("duration is -1e999", R"("simulation": {"duration": -1e999})", "-1e999",
            "simulation.duration: must be finite");
        row("ramp slope 1e400", R"("protocol": {"ramps": [{"slope": 1e400}]})", "1e400",
            "protocol.ramps[0].slope: must be finite");
        row("dt is zero", R"("simulation": {"dt": 0})", "0}", "simulation.dt: must be positive");
        row("vpeak below c", R"("model": {"c": -50, "vpeak": -60})", "-60",
            "model.vpeak: must be above the reset c");
        auto whole = [&](const char* name, const QByteArray& contents, const QByteArray& marker,
                         const char* error) {
            QTest::newRow(name) << contents << located(contents, marker, error);
        };
        whole("wrong format", R"({"format": "brian2"})", R"("brian2")",
              "format: must be \"izhikevich-explorer-parameters\"");
        whole("future version", "{" + header.left(header.size() - 1) + "2}", "2}",
              "version: version 2 is not readable");
        // Syntax errors: where the parser stopped.
        whole("malformed", R"({"model": {"a": 0.1,}})", "}}", "not valid JSON");
        const QByteArray truncated = "{" + header + R"(, "model": {"a": 0.)";
        QTest::newRow("truncated") << truncated
                                   << QString("error: p.json:1:%1: not valid JSON: invalid number")
                                          .arg(truncated.size() + 1);
        whole("NaN literal", R"({"model": {"a": NaN}})", "N", "not valid JSON");
        QTest::newRow("empty") << QByteArray() << "error: p.json:1:1: not valid JSON";
        QTest::newRow("only spaces") << QByteArray("  \n") << "error: p.json:2:1: not valid JSON";
        QTest::newRow("a list") << QByteArray("[]") << "error: p.json: must hold a JSON object";
        QTest::newRow("deeply nested") << QByteArray(200000, '[') + QByteArray(200000, ']')
                                       << "error: p.json:1:17: nested more than 16 levels deep";
        const QByteArray nested = "{" + header + R"(, "model": {"a": )" + QByteArray(30, '[') +
                                  "1" + QByteArray(30, ']') + "}}";
        // Two objects deep, so the 15th bracket is the 17th level.
        QTest::newRow("deeply nested inside model")
            << nested << QString("error: p.json:1:%1: nested more than 16 levels deep")
                             .arg(nested.indexOf('[') + 15);
        QTest::newRow("over 4 MiB") << QByteArray(5 << 20, ' ') + "{}"
                                    << "error: p.json: larger than 4 MiB";
        QRandomGenerator random(1102); // fixed seed: reproducible "binary" file
        QByteArray binary(4096, '\0');
        for (char& byte : binary)
            byte = static_cast<char>(random.bounded(256));
        binary[0] = '\x89'; // not '{' or whitespace: certainly not JSON
        QTest::newRow("random bytes")
            << binary << "error: p.json:1:1: not a parameter file: binary data, not UTF-8 text";
        QTest::newRow("a NUL byte") << QByteArray("{\"model\": \0}", 12)
                                    << "error: p.json:1:11: not a parameter file: binary data";
        const QByteArray multiline = "{\n  \"model\": {\n    \"a\": \"fast\"\n  }\n}\n";
        QTest::newRow("line and column") << multiline
                                         << "error: p.json:3:10: model.a: must be a number";
    }
    void invalidParameterFile() {
        QFETCH(QByteArray, contents);
        QFETCH(QString, error);
        writeFile(at("p.json"), contents);
        writeFile(at("out.csv"), kPrecious);
        const auto before = snapshot();
        const Result result = run({"--simulate", "--params", "p.json", "--csv", "out.csv"});
        EXPECT_EXIT(result, 2);
        EXPECT_ERROR(result, error);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(snapshot(), before);
    }

    // Unknown fields are ignored with a warning; the known ones still apply.
    void unknownFieldsInParameterFileWarn() {
        writeFile(at("p.json"), R"({"format": "izhikevich-explorer-parameters", "version": 1,
            "comment": "from my notebook", "model": {"a": 0.03, "colour": "red"}})");
        const Result result =
            run({"--simulate", "--params", "p.json", "--duration", "100", "--csv", "out.csv"});
        EXPECT_EXIT(result, 0);
        const QStringList lines = QString::fromUtf8(result.err).split('\n', Qt::SkipEmptyParts);
        // Each names the file, and the line and column of the unknown key.
        QCOMPARE(lines, QStringList({"warning: p.json:2:13: comment: unknown field, ignored",
                                     "warning: p.json:2:65: model.colour: unknown field, ignored"}));
        QVERIFY(!result.out.contains("warning"));
        // The file's a = 0.03 took effect: same trajectory as --set a=0.03.
        const QByteArray written = readAll(at("out.csv"));
        QCOMPARE(written, trajectoryOf({"--duration", "100", "--set", "a=0.03"}));
        QVERIFY(written != trajectoryOf({"--duration", "100"}));
    }

    // ---- exit 1: outputs that cannot be written -----------------------------

    void unwritableOutput_data() {
        QTest::addColumn<QStringList>("outputs");
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("needsNonRoot");
        auto row = [](const char* name, QStringList outputs, const char* error, bool nonRoot = false) {
            QTest::newRow(name) << outputs << QString(error) << nonRoot;
        };
        row("csv below a regular file", {"--csv", "afile/out.csv"},
            "error: csv: cannot write 'afile/out.csv'");
        row("spikes below a regular file", {"--csv", "out.csv", "--spikes", "afile/s.csv"},
            "error: spikes: cannot write 'afile/s.csv'");
        row("missing folder", {"--csv", "missing/out.csv"},
            "error: csv: cannot write 'missing/out.csv': the folder");
        row("spikes in a missing folder", {"--spikes", "missing/deeper/s.csv", "--csv", "out.csv"},
            "error: spikes: cannot write 'missing/deeper/s.csv'");
        row("new file in /proc", {"--csv", "/proc/izh-explorer-test.csv"},
            "error: csv: cannot write '/proc/izh-explorer-test.csv'");
        row("existing file in /proc", {"--spikes", "/proc/version"},
            "error: spikes: cannot write '/proc/version'");
        row("output is a folder", {"--csv", "adir"}, "error: csv: cannot write 'adir'");
        row("read-only folder", {"--csv", "ro/out.csv"}, "error: csv: cannot write 'ro/out.csv'",
            true);
    }
    void unwritableOutput() {
        QFETCH(QStringList, outputs);
        QFETCH(QString, error);
        QFETCH(bool, needsNonRoot);
        if (needsNonRoot && ::geteuid() == 0)
            QSKIP("root writes into a 0555 folder; the regular-file and /proc rows cover this");
        writeFile(at("afile"), kPrecious);
        writeFile(at("out.csv"), kPrecious);
        QDir scratch(dir_->path());
        QVERIFY(scratch.mkdir("adir") && scratch.mkdir("ro"));
        QVERIFY(QFile::setPermissions(at("ro"), QFile::ReadOwner | QFile::ExeOwner |
                                                    QFile::ReadGroup | QFile::ExeGroup |
                                                    QFile::ReadOther | QFile::ExeOther));
        const auto before = snapshot();
        const QByteArray procVersion = readAll("/proc/version");

        const Result result = run(QStringList{"--simulate", "--preset", "RS"} + outputs);
        EXPECT_EXIT(result, 1);
        EXPECT_ERROR(result, error);
        QCOMPARE(snapshot(), before); // the writable output was not written either
        QCOMPARE(readAll("/proc/version"), procVersion);
        QVERIFY(!QFile::exists("/proc/izh-explorer-test.csv"));
    }

    // The disk fills up in the middle of the trajectory (a 4 KiB file size
    // limit in the child): exit 1, the old file intact, no partial or
    // temporary file, and the spike file (written fine) not committed alone.
    void outputFailingMidWrite() {
        writeFile(at("out.csv"), kPrecious);
        const auto before = snapshot();
        const Result result = run(
            {"--simulate", "--preset", "RS", "--csv", "out.csv", "--spikes", "s.csv"}, [] {
                ::signal(SIGXFSZ, SIG_IGN); // get EFBIG instead of being killed
                const rlimit limit{4096, 4096};
                ::setrlimit(RLIMIT_FSIZE, &limit);
            });
        EXPECT_EXIT(result, 1);
        EXPECT_ERROR(result, "error: csv: cannot write 'out.csv'");
        QVERIFY2(!result.err.contains("Unknown error"), result.err.constData());
        QCOMPARE(snapshot(), before);
    }

    // ---- exit 3: divergence ---------------------------------------------------

    void divergence_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<double>("dt");
        // vpeak so high that the quadratic term blows up before any reset.
        QTest::newRow("euler, vpeak 1e300")
            << QStringList{"--integrator", "euler", "--set", "vpeak=1e300", "--duration", "100", "--dt", "0.1"} << 0.1;
        // a negative p2 turns the spike upside down: v runs off to −∞.
        QTest::newRow("euler, p2 negative")
            << QStringList{"--integrator", "euler", "--set", "p2=-0.04", "--duration", "100", "--dt", "0.1"} << 0.1;
        QTest::newRow("semi-implicit RS, vpeak 1e300")
            << QStringList{"--preset", "RS", "--set", "vpeak=1e300"} << 0.25;
        QTest::newRow("rk4, vpeak 1e300")
            << QStringList{"--integrator", "rk4", "--set", "vpeak=1e300", "--duration", "100", "--dt", "0.1"} << 0.1;
        QTest::newRow("rk45, vpeak 1e300")
            << QStringList{"--set", "vpeak=1e300", "--duration", "100", "--dt", "0.1"} << 0.1;
    }
    void divergence() {
        QFETCH(QStringList, arguments);
        QFETCH(double, dt);
        writeFile(at("out.csv"), kPrecious);
        const Result result = run(QStringList{"--simulate"} + arguments +
                                  QStringList{"--csv", "out.csv", "--spikes", "s.csv"});
        EXPECT_EXIT(result, 3);
        EXPECT_ERROR(result, "error: trajectory: diverged");
        const auto match = QRegularExpression("at t = (\\S+) ms").match(QString::fromUtf8(result.err));
        QVERIFY2(match.hasMatch(), result.err.constData());
        bool isNumber = false;
        const double divergedAt = match.captured(1).toDouble(&isNumber);
        QVERIFY(isNumber && divergedAt > 0 && divergedAt < 100);

        // The valid part is written: every value finite, the grid intact, up to
        // (not beyond) the reported time.
        const Csv csv = parseCsv(readAll(at("out.csv")));
        QVERIFY(csv.ok);
        QCOMPARE(csv.header, QByteArray("t_ms,v_mV,u,I"));
        QVERIFY(csv.rows.size() >= 2);
        for (std::size_t j = 0; j < csv.rows.size(); ++j) {
            QCOMPARE(csv.rows[j][0], static_cast<double>(j) * dt);
            for (double value : csv.rows[j])
                QVERIFY(std::isfinite(value));
        }
        const double lastTime = csv.rows.back()[0];
        QVERIFY2(lastTime < divergedAt && divergedAt <= lastTime + dt + 1e-9,
                 qPrintable(QString("last row at %1 ms, diverged at %2 ms").arg(lastTime).arg(divergedAt)));
        QVERIFY(parseCsv(readAll(at("s.csv"))).ok);
    }

    // Without a trace the divergence is still an exit 3 with the time.
    void divergenceWithoutOutputs() {
        const Result result = run({"--simulate", "--integrator", "euler", "--set", "p2=-0.04"});
        EXPECT_EXIT(result, 3);
        QVERIFY(QRegularExpression("^error: trajectory: diverged .* at t = [0-9.e+-]+ ms")
                    .match(QString::fromUtf8(result.err))
                    .hasMatch());
        QVERIFY(snapshot().isEmpty());
    }

    // ---- later options override earlier ones ---------------------------------

    void laterOptionsOverrideEarlierOnes() {
        const QByteArray rs = trajectoryOf({"--preset", "RS"});
        QVERIFY(rs.startsWith("t_ms,v_mV,u,I\n"));
        // A preset replaces everything set before it...
        QCOMPARE(trajectoryOf({"--set", "a=0.1", "--preset", "RS"}), rs);
        // ...and what follows it changes it.
        const QByteArray rsA01 = trajectoryOf({"--preset", "RS", "--set", "a=0.1"});
        QVERIFY(rsA01.startsWith("t_ms,v_mV,u,I\n"));
        QVERIFY(rsA01 != rs);
        QCOMPARE(trajectoryOf({"--preset", "RS", "--set", "a=0.1", "--set", "a=0.02"}), rs);

        // A parameter file reads on top of what comes before, and is overridden
        // by what comes after.
        writeFile(at("a.json"), R"({"format": "izhikevich-explorer-parameters", "version": 1,
                                    "model": {"a": 0.1}})");
        QCOMPARE(trajectoryOf({"--preset", "RS", "--params", "a.json"}), rsA01);
        QCOMPARE(trajectoryOf({"--params", "a.json", "--preset", "RS"}), rs);
        QCOMPARE(trajectoryOf({"--preset", "RS", "--params", "a.json", "--set", "a=0.02"}), rs);

        // The summary line shows the settings that won.
        auto summary = [&](const QStringList& arguments, const QString& key) {
            const Result result = run(QStringList{"--simulate"} + arguments);
            return result.exitCode == 0 ? summaryValue(result.out, key) : "<failed>";
        };
        QCOMPARE(summary({"--duration", "50", "--preset", "RS"}, "duration_ms"), QString("150"));
        QCOMPARE(summary({"--preset", "RS", "--duration", "50"}, "duration_ms"), QString("50"));
        QCOMPARE(summary({"--integrator", "euler", "--preset", "RS"}, "integrator"),
                 QString("semi-implicit"));
        QCOMPARE(summary({"--preset", "RS", "--integrator", "euler"}, "integrator"),
                 QString("euler"));
        QCOMPARE(summary({"--preset", "RS", "--dt", "0.5", "--set", "dt=0.125"}, "dt_ms"),
                 QString("0.125"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
