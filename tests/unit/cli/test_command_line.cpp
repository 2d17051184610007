// SPDX-License-Identifier: GPL-3.0-or-later
// The command line in-process: the table of commands, what parseCommandLine
// makes of arguments, and commands run through runInvocation with their
// output captured (tests/acceptance/test_cli.cpp runs the real program).
#include "cli/command_line.h"
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "core/base/invalid_input.h"
#include "core/export/model_export.h"
#include "core/model/parameter_catalogue.h"
#include "core/presets/preset_library.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

Invocation parse(const QStringList& arguments) {
    return parseCommandLine(QStringList{"izhikevich-explorer"} + arguments);
}

// The message parseCommandLine refuses `arguments` with, or "<accepted>".
QString refusal(const QStringList& arguments) {
    try {
        parse(arguments);
        return "<accepted>";
    } catch (const izh::InvalidInput& error) {
        return QString::fromStdString(error.what());
    }
}

struct Ran {
    int status = -1;
    QString out, err;
};

Ran run(const QStringList& arguments) {
    Ran ran;
    QTextStream out(&ran.out), err(&ran.err);
    Console console{out, err, {}};
    try {
        ran.status = runInvocation(parse(arguments), console);
    } catch (const izh::InvalidInput& error) {
        reportInvalid(err, error);
        ran.status = ExitInvalidInput;
    }
    out.flush();
    err.flush();
    return ran;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

private slots:
    // Each command's options are its own; every mode but the window has a
    // selector; no option belongs to two commands.
    void theTableIsConsistent() {
        QSet<QString> options;
        QSet<Invocation::Mode> modes;
        for (const Command& command : commands()) {
            QVERIFY(!modes.contains(command.mode));
            modes << command.mode;
            QVERIFY(command.run);
            for (const QCommandLineOption& option : command.options) {
                const QString name = option.names().front();
                QVERIFY2(!options.contains(name), qPrintable(name));
                options << name;
            }
            for (const QString& selector : command.selectors)
                QVERIFY2(options.contains(selector), qPrintable(selector));
        }
        QCOMPARE(commandFor(Invocation::Mode::Window).selectors, QStringList());
        QVERIFY(drawsWidgets(parse({})));
        QVERIFY(!drawsWidgets(parse({"--simulate"})));
        QVERIFY(drawsWidgets(parse({"--simulate", "--png", "x.png"})));
        QVERIFY(drawsWidgets(parse({"--figure2", "f.png"})));
        QVERIFY(!drawsWidgets(parse({"--export-brian2", "b.py"})));
    }

    void optionsChooseTheCommand() {
        QCOMPARE(parse({}).mode, Invocation::Mode::Window);
        QCOMPARE(parse({"--help"}).mode, Invocation::Mode::Help);
        QCOMPARE(parse({"--version"}).mode, Invocation::Mode::Version);
        QCOMPARE(parse({"--list-presets"}).mode, Invocation::Mode::ListPresets);
        QCOMPARE(parse({"--simulate"}).mode, Invocation::Mode::Simulate);
        QCOMPARE(parse({"--sweep", "a=0:1:2", "--sweep", "d=0:1:2", "--csv", "s.csv"}).mode,
                 Invocation::Mode::Sweep);
        const Invocation exports = parse({"--export-nestml", "m.nestml", "--export-brian2", "b.py"});
        QCOMPARE(exports.mode, Invocation::Mode::Export);
        QCOMPARE(exports.nestmlPath, QString("m.nestml"));
        QCOMPARE(exports.brian2Path, QString("b.py"));
        const Invocation galleries = parse({"--figure2", "f2.png", "--features2004", "f4.png"});
        QCOMPARE(galleries.mode, Invocation::Mode::Gallery);
        QCOMPARE(galleries.figure2Path, QString("f2.png"));
        QCOMPARE(galleries.features2004Path, QString("f4.png"));
        QCOMPARE(parse({"--benchmark-ui"}).mode, Invocation::Mode::BenchmarkUi);
    }

    // Model options apply in order; later ones override earlier ones.
    void modelOptionsApplyInOrder() {
        const Invocation set = parse({"--simulate", "--set", "a=0.1", "--preset", "CH"});
        QVERIFY(set.request == izh::findPreset("CH")->request);
        const Invocation after = parse({"--simulate", "--preset", "CH", "--set", "a=0.1",
                                        "--dt", "0.05", "--integrator", "rk4"});
        QCOMPARE(after.request.model.a, 0.1);
        QCOMPARE(after.request.settings.dt, 0.05);
        QCOMPARE(after.request.settings.integrator, izh::IntegratorKind::RK4);
        QCOMPARE(after.presetId, QString("CH"));
        // Every catalogue parameter can be set.
        for (const auto& info : izh::parameterCatalogue()) {
            const double value = info.get(izh::findPreset("RS")->request);
            const Invocation one =
                parse({"--simulate", "--preset", "RS", "--set",
                       QString::fromUtf8(info.name.data()) + "=" + QString::number(value, 'g', 17)});
            QCOMPARE(info.get(one.request), value);
        }
    }

    void refusals_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("two commands") << QStringList{"--simulate", "--list-presets"}
                                      << "command line: --list-presets and --simulate choose "
                                         "different commands; give the options of one";
        QTest::newRow("another command's option")
            << QStringList{"--simulate", "--threads", "2"} << "threads: is an option of --sweep";
        QTest::newRow("an output the command does not write")
            << QStringList{"--list-presets", "--csv", "x.csv"}
            << "csv: is an output of --simulate and --sweep, not of --list-presets";
        QTest::newRow("an output of the window")
            << QStringList{"--svg", "x.svg"} << "svg: is an output of --simulate";
        QTest::newRow("no file name") << QStringList{"--simulate", "--spikes", ""}
                                      << "spikes: needs a file name";
        QTest::newRow("one file twice")
            << QStringList{"--export-nestml", "x", "--export-pynest", "./x"}
            << "export-pynest: './x' is the same file as --export-nestml 'x'";
        QTest::newRow("unknown parameter")
            << QStringList{"--simulate", "--set", "zz=1"}
            << QString::fromStdString("zz: unknown parameter (" + izh::parameterNameList() + ")");
        QTest::newRow("file with a command") << QStringList{"--simulate", "p.json"}
                                             << "command line: unexpected argument 'p.json' "
                                                "(use --params FILE)";
    }
    void refusals() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QCOMPARE(refusal(arguments), message);
    }

    void listPresetsPrintsEveryPreset() {
        const Ran ran = run({"--list-presets"});
        QCOMPARE(ran.status, int(ExitDone));
        QCOMPARE(ran.out.count('\n'), qsizetype(izh::presets().size()));
        QVERIFY(ran.out.startsWith("RS\t"));
        QVERIFY(ran.err.isEmpty());
    }

    // Outputs go through the one atomic helper: all written, or none.
    void commandsWriteTheirOutputs() {
        QTemporaryDir dir;
        const QString nestml = dir.filePath("m.nestml"), brian2 = dir.filePath("b.py");
        const Ran exported = run({"--preset", "FS", "--export-nestml", nestml, "--export-brian2", brian2});
        QCOMPARE(exported.status, int(ExitDone));
        QCOMPARE(readAll(nestml), QByteArray::fromStdString(izh::exportNestml(izh::findPreset("FS")->request)));
        QCOMPARE(readAll(brian2), QByteArray::fromStdString(izh::exportBrian2(izh::findPreset("FS")->request)));

        // One unwritable output: neither is written, the reason is reported.
        QVERIFY(QFile::remove(nestml));
        const QString blocked = dir.filePath("no-such-folder/b.py");
        const Ran failed = run({"--export-nestml", nestml, "--export-brian2", blocked});
        QCOMPARE(failed.status, int(ExitOutputFailed));
        QVERIFY2(failed.err.startsWith("error: export-brian2: cannot write"), qPrintable(failed.err));
        QVERIFY(!QFile::exists(nestml));

        const QString spikes = dir.filePath("s.csv");
        const Ran simulated = run({"--simulate", "--preset", "RS", "--spikes", spikes});
        QCOMPARE(simulated.status, int(ExitDone));
        QVERIFY(simulated.out.contains("spike_count=5 "));
        QCOMPARE(readAll(spikes).count('\n'), 6); // the header and five spikes
    }
};

QTEST_MAIN(TestCommandLine)
#include "test_command_line.moc"
