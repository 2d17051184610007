// SPDX-License-Identifier: GPL-3.0-or-later
// Exports to NESTML, PyNEST and Brian2 (docs/command-line.md#exports). The Brian2 script is run
// with Debian's python3-brian and must reproduce the core's spike times; the
// NESTML model is checked against the NESTML Izhikevich tutorial's structure;
// both Python scripts must compile; the CLI writes them atomically.
#include "core/base/number_format.h"
#include "core/export/model_export.h"
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"
#include "tests/acceptance/predictability_horizon.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace izh;

namespace {

SimulationRequest presetRequest(const char* id) {
    const Preset* preset = findPreset(id);
    if (!preset)
        qFatal("no preset %s", id);
    return preset->request;
}

// A protocol with every kind of component: steps with closed ends, a pulse
// train, a ramp and input spikes (two arriving on the same step, one at t = 0,
// one between grid points).
SimulationRequest mixedProtocolRequest() {
    SimulationRequest r;
    r.model.v0 = -65;
    r.protocol.baseline = 2;
    r.protocol.steps.push_back({6, 20, 120, true, true, true});
    r.protocol.trains.push_back({8, 150, 3, 25, 4, false});
    r.protocol.ramps.push_back({0.05, 260, 360, false, true, false});
    r.protocol.inputSpikes = {{0, 3}, {40.05, 12}, {60, 20}, {60, 15}, {240.1, 35}, {380, 40}};
    r.settings.dt = 0.1;
    r.settings.duration = 400;
    return r;
}

bool writeFile(const QString& path, const std::string& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) &&
           file.write(text.data(), qint64(text.size())) == qint64(text.size());
}

} // namespace

class TestModelExport : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void brian2ReproducesTheCoreSpikeTimes_data() {
        QTest::addColumn<QString>("name");
        auto add = [](const char* name, SimulationRequest request,
                      std::optional<IntegratorKind> kind) {
            if (kind)
                request.settings.integrator = *kind;
            QTest::newRow(name) << QString(name);
            return request;
        };
        requests_.clear();
        requests_["RS"] = add("RS", presetRequest("RS"), IntegratorKind::Euler);
        requests_["FS"] = add("FS", presetRequest("FS"), IntegratorKind::Euler);
        requests_["CH"] = add("CH", presetRequest("CH"), IntegratorKind::Euler);
        requests_["class-1"] = add("class-1", presetRequest("class-1"), IntegratorKind::Euler);
        requests_["inhibition-induced-spiking"] =
            add("inhibition-induced-spiking", presetRequest("inhibition-induced-spiking"),
                IntegratorKind::Euler);
        requests_["mixed-protocol"] =
            add("mixed-protocol", mixedProtocolRequest(), IntegratorKind::Euler);
        // The other fixed-step schemes, mapped as the script's docstring says.
        requests_["RS-semi-implicit"] = add("RS-semi-implicit", presetRequest("RS"), std::nullopt);
        requests_["IB-half-step"] =
            add("IB-half-step", presetRequest("IB"), IntegratorKind::HalfStep);
        requests_["FS-rk4"] = add("FS-rk4", presetRequest("FS"), IntegratorKind::RK4);
    }
    void brian2ReproducesTheCoreSpikeTimes() {
        QFETCH(QString, name);
        const SimulationRequest request = requests_.at(name);
        const QString script = path(name + "_brian2.py");
        QVERIFY(writeFile(script, exportBrian2(request)));

        QProcess python;
        python.start(IZH_PYTHON, {script, "--json"});
        QVERIFY2(python.waitForFinished(300000), "Brian2 did not finish");
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
                 python.readAllStandardError().constData());
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(python.readAllStandardOutput(), &error);
        QVERIFY2(json.isArray(), qPrintable(error.errorString()));
        const QJsonArray brian2 = json.array();

        const auto ours = simulateSpikes(request).spikeTimes;
        QVERIFY2(ours.size() >= 2, "the case should spike");
        const std::size_t horizon = predictabilityHorizon(request, ours);
        qInfo("%s: %zu spikes here, %lld in Brian2; rounding-level perturbations first matter "
              "at spike %zu",
              qPrintable(name), ours.size(), qlonglong(brian2.size()), horizon);
        QVERIFY(horizon >= std::min<std::size_t>(ours.size(), 8));
        QVERIFY(std::size_t(brian2.size()) >= horizon);
        for (std::size_t i = 0; i < horizon; ++i)
            QVERIFY2(std::abs(ours[i] - brian2[qsizetype(i)].toDouble()) < 1e-9,
                     qPrintable(QString("spike %1: %2 here vs %3 in Brian2")
                                    .arg(i)
                                    .arg(ours[i], 0, 'g', 17)
                                    .arg(brian2[qsizetype(i)].toDouble(), 0, 'g', 17)));
        if (horizon == ours.size())
            QCOMPARE(std::size_t(brian2.size()), ours.size());
        else
            QVERIFY(std::abs(double(ours.size()) - double(brian2.size())) <= 1);
    }

    void brian2ScriptPrintsOneTimePerLine() {
        const QString script = path("rs_lines.py");
        auto request = presetRequest("RS");
        request.settings.integrator = IntegratorKind::Euler;
        QVERIFY(writeFile(script, exportBrian2(request)));
        QProcess python;
        python.start(IZH_PYTHON, {script});
        QVERIFY(python.waitForFinished(300000));
        QCOMPARE(python.exitCode(), 0);
        const QStringList lines =
            QString::fromUtf8(python.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        const auto ours = simulateSpikes(request).spikeTimes;
        QCOMPARE(std::size_t(lines.size()), ours.size());
        QCOMPARE(lines.front().toDouble(), ours.front());
    }

    void nestmlFollowsTheTutorialStructure() {
        const auto request = presetRequest("class-1");
        const QString text = QString::fromStdString(exportNestml(request));
        // The tutorial's blocks, in its order, each followed by what it holds.
        const char* sequence[] = {
            "model izhikevich_tutorial_neuron:",
            "    state:",
            "        v mV = -60 mV",
            "        u real = 6",
            "    equations:",
            "        v' = (p2 * v * v / mV + p1 * v + p0 * mV - u * mV + (I_e + I_stim) * GOhm) / ms",
            "        u' = a * (b * (v / mV - vb) - e_u * u) / ms",
            "    parameters:",
            "        a real = 0.02",
            "        b real = -0.1",
            "        c mV = -55 mV",
            "        d real = 6",
            "        V_th mV = 30 mV",
            "        p2 real = 0.04",
            "        p1 real = 4.1",
            "        p0 real = 108",
            "        vb real = 0",
            "        e_u real = 1",
            "        I_e pA = 0 pA",
            "    input:",
            "        spikes <- spike",
            "        I_stim pA <- continuous",
            "    output:",
            "        spike",
            "    update:",
            "        integrate_odes()",
            "    onReceive(spikes):",
            "        v += spikes * mV * s",
            "    onCondition(v >= V_th):",
            "        v = c",
            "        u += d",
            "        emit_spike()",
        };
        qsizetype at = 0;
        for (const char* line : sequence) {
            const qsizetype found = text.indexOf(QString(line), at);
            QVERIFY2(found >= 0, qPrintable(QString("missing or out of order: '%1'").arg(line)));
            at = found + 1;
        }
        // The protocol and settings are described in the header comment.
        QVERIFY(text.contains("#   ramp 0.075*(t - 30) for 30 < t"));
        QVERIFY(text.contains("# Simulation: duration 300 ms, dt 0.25 ms, integrator semi-implicit"));
        // Every line outside the model is a comment.
        const QStringList lines = text.split('\n');
        const qsizetype model = lines.indexOf("model izhikevich_tutorial_neuron:");
        for (qsizetype i = 0; i < model; ++i)
            QVERIFY2(lines[i].isEmpty() || lines[i].startsWith('#'), qPrintable(lines[i]));
    }

    void nestmlCarriesInitialStateAndBaseline() {
        auto request = presetRequest("nestml-tutorial");
        const std::string text = exportNestml(request);
        QVERIFY(text.find("v mV = -65 mV") != std::string::npos);
        QVERIFY(text.find("u real = 0    #") != std::string::npos);
        QVERIFY(text.find("I_e pA = 25 pA") != std::string::npos);
        request.model.u0.reset();
        request.model.v0 = -70.5;
        const std::string derived = exportNestml(request);
        QVERIFY(derived.find("u real = " + formatNumber(request.model.b * -70.5) + "    #") !=
                std::string::npos);
    }

    void pynestFollowsTheTutorialWorkflow() {
        const auto request = mixedProtocolRequest();
        const std::string text = exportPynest(request);
        for (const char* needle :
             {"from pynestml.frontend.pynestml_frontend import generate_nest_target",
              "generate_nest_target(", "nest.Install(MODULE_NAME)", "nest.Create(MODEL_NAME)",
              "\"dc_generator\"", "\"step_current_generator\"", "\"spike_generator\"",
              "\"spike_weights\"", "\"multimeter\"", "\"record_from\": [\"v\", \"u\"]",
              "\"spike_recorder\"", "nest.Simulate(DURATION_MS)", "import matplotlib.pyplot as plt",
              "nest.resolution = DT_MS"})
            QVERIFY2(text.find(needle) != std::string::npos, needle);
        // The embedded model is the NESTML export itself.
        QVERIFY(text.find("NESTML_MODEL = r'''" + exportNestml(request) + "'''") !=
                std::string::npos);
    }

    void pythonScriptsCompileForEveryPresetAndScheme() {
        QStringList files;
        for (const auto& preset : presets()) {
            for (IntegratorKind kind : allIntegrators()) {
                auto request = preset.request;
                request.settings.integrator = kind;
                const QString base = QString::fromStdString(preset.id + "_" +
                                                            std::string(integratorId(kind)));
                files << path(base + "_pynest.py") << path(base + "_brian2.py");
                QVERIFY(writeFile(files[files.size() - 2], exportPynest(request)));
                QVERIFY(writeFile(files.back(), exportBrian2(request)));
            }
        }
        const QString mixed = path("mixed_pynest.py");
        QVERIFY(writeFile(mixed, exportPynest(mixedProtocolRequest())));
        files << mixed;
        QProcess python;
        python.start(IZH_PYTHON, QStringList{"-m", "py_compile"} + files);
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    }

    void cliWritesTheExportsAtomically() {
        const QString nestml = path("cli.nestml"), pynest = path("cli_pynest.py"),
                      brian2 = path("cli_brian2.py");
        QProcess cli;
        cli.start(IZH_CLI_PATH, {"--preset", "FS", "--set", "d=3", "--integrator", "euler",
                                 "--export-nestml", nestml, "--export-pynest", pynest,
                                 "--export-brian2", brian2});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        auto request = presetRequest("FS");
        request.model.d = 3;
        request.settings.integrator = IntegratorKind::Euler;
        auto read = [](const QString& file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
        };
        QCOMPARE(read(nestml), exportNestml(request));
        QCOMPARE(read(pynest), exportPynest(request));
        QCOMPARE(read(brian2), exportBrian2(request));

        // Invalid input: exit 2, nothing written.
        const QString untouched = path("never.py");
        QProcess invalid;
        invalid.start(IZH_CLI_PATH, {"--simulate", "--export-brian2", untouched});
        QVERIFY(invalid.waitForFinished(60000));
        QCOMPARE(invalid.exitCode(), 2);
        QVERIFY(invalid.readAllStandardError().startsWith("error: command line: "));
        QProcess same;
        same.start(IZH_CLI_PATH, {"--export-brian2", untouched, "--export-pynest", untouched});
        QVERIFY(same.waitForFinished(60000));
        QCOMPARE(same.exitCode(), 2);
        QVERIFY(!QFile::exists(untouched));

        // An output that cannot be written: exit 1, and the other is not written either.
        QProcess unwritable;
        unwritable.start(IZH_CLI_PATH, {"--export-nestml", path("fresh.nestml"), "--export-brian2",
                                        path("no/such/dir/x.py")});
        QVERIFY(unwritable.waitForFinished(60000));
        QCOMPARE(unwritable.exitCode(), 1);
        QVERIFY(!QFile::exists(path("fresh.nestml")));
    }

private:
    std::map<QString, SimulationRequest> requests_;
};

QTEST_APPLESS_MAIN(TestModelExport)
#include "test_model_export.moc"
