// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter files (docs/file-formats.md#parameter-files) read and written by the core: round trips, defaults
// for missing fields, warnings for unknown ones, refusals that name the field,
// and robustness against truncated and random input (the loader must never
// crash or accept a damaged file silently).
#include "core/base/invalid_input.h"
#include "core/io/parameter_file.h"
#include "core/model/request_validation.h"
#include "core/presets/preset_library.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>
#include <random>
#include <string>

using namespace izh;

namespace {

// Errors about the document as a whole (not JSON, too deep, too large) name no field.
const QString kDocument;


constexpr const char* kHeader =
    R"("format": "izhikevich-explorer-parameters", "version": 1)";

// A complete, valid file with `body` (comma-separated members) after the header.
std::string fileWith(const std::string& body) {
    return std::string("{") + kHeader + (body.empty() ? "" : ", " + body) + "}";
}

// A request that uses every feature a file can hold, with awkward numbers.
SimulationRequest richRequest() {
    SimulationRequest r = defaultRequest();
    r.model.a = 0.1 + 0.2; // not representable exactly: must round-trip to the bit
    r.model.b = -1.0 / 3.0;
    r.model.c = -65.00000000000001;
    r.model.d = 5e-324; // the smallest subnormal
    r.model.vpeak = 35.5;
    r.model.p2 = 0.04;
    r.model.p1 = 4.1;
    r.model.p0 = 108;
    r.model.vb = -65;
    r.model.e = 0;
    r.model.v0 = -70.25;
    r.model.u0 = -16.000000000000004;
    r.protocol.baseline = -0.5;
    r.protocol.baselineIsPrimary = false;
    r.protocol.steps = {{14, 15, kForever, false, false, true}, {-2.5, 20, 25.125, true, true, false}};
    r.protocol.ramps = {{0.015, 30, 300, true, false, false}};
    r.protocol.trains = {{0.65, 40, 4, 20, 3, false}};
    r.protocol.inputSpikes = {{12.5, 3.25}, {99, -1e-3}};
    r.settings.duration = 321.5;
    r.settings.dt = 0.03125;
    r.settings.integrator = IntegratorKind::HalfStep;
    r.settings.rtol = 1.2345e-7;
    r.settings.atol = 3e-12;
    izh::validateRequest(r, false);
    return r;
}

// A request that differs from richRequest() and the presets in every field, to
// show that a round trip takes nothing from its base.
SimulationRequest poisonedBase() {
    SimulationRequest r = defaultRequest();
    r.model = {0.07, 0.7, -77, 7, 77, 0.07, 7, 77, 7, 7, -70, 7.0};
    r.protocol.baseline = 7;
    r.protocol.baselineIsPrimary = true;
    r.protocol.steps = {{7, 7, 70, true, true, true}};
    r.protocol.ramps = {{7, 7, 70, true, true, true}};
    r.protocol.trains = {{7, 7, 1, 7, 7, true}};
    r.protocol.inputSpikes = {{7, 7}};
    r.settings = {777, 0.7, IntegratorKind::RK4, 7e-7, 7e-7};
    izh::validateRequest(r, false);
    return r;
}

// Runs the parser and reports the field of the InvalidInput it throws, or a
// description of what happened otherwise.
QString refusedField(const std::string& text, const SimulationRequest& base = defaultRequest()) {
    try {
        parseParameterFile(text, base);
        return "<accepted>";
    } catch (const InvalidInput& error) {
        if (error.reason().empty())
            return "<empty reason>";
        return QString::fromStdString(error.field());
    } catch (const std::exception& error) {
        return QString("<other exception: %1>").arg(error.what());
    }
}

// The parser's contract on arbitrary bytes: either a valid request, or an
// InvalidInput. Returns an empty string when it held.
QString checkNeverCrashes(const std::string& text) {
    try {
        const auto contents = parseParameterFile(text, defaultRequest());
        izh::validateRequest(contents.request, false); // "the result is validated"
    } catch (const InvalidInput&) {
    } catch (const std::exception& error) {
        return QString("%1 for input (hex) %2")
            .arg(error.what(), QByteArray::fromStdString(text).toHex());
    }
    return {};
}

} // namespace

class TestParameterFile : public QObject {
    Q_OBJECT

private slots:
    void everyPresetRoundTrips_data() {
        QTest::addColumn<QString>("id");
        for (const auto& preset : presets())
            QTest::newRow(preset.id.c_str()) << QString::fromStdString(preset.id);
        QTest::newRow("default") << QString();
        QTest::newRow("rich") << QString("rich");
    }
    void everyPresetRoundTrips() {
        QFETCH(QString, id);
        SimulationRequest original = id.isEmpty()  ? defaultRequest()
                                     : id == "rich" ? richRequest()
                                                    : findPreset(id.toStdString())->request;
        const std::string text = formatParameterFile(original);
        // Read on top of a base that differs everywhere: every field must be in the file.
        const auto contents = parseParameterFile(text, poisonedBase());
        QVERIFY(contents.request == original);
        QVERIFY2(contents.warnings.empty(), contents.warnings.empty()
                                                ? ""
                                                : contents.warnings.front().message().c_str());
        // Writing is deterministic: the re-read request formats to the same text.
        QCOMPARE(formatParameterFile(contents.request), text);
    }

    // The bits, not just ==: -0.0 == 0.0 would hide a lost sign, and the
    // subnormal d and the inexact a must come back exactly.
    void numbersRoundTripBitExact() {
        SimulationRequest r = richRequest();
        r.model.vb = -0.0;
        const auto back = parseParameterFile(formatParameterFile(r), poisonedBase()).request;
        QVERIFY(std::signbit(back.model.vb));
        QCOMPARE(back.model.a, 0.1 + 0.2);
        QCOMPARE(back.model.d, 5e-324);
        QVERIFY(back.model.u0.has_value());
        QCOMPARE(*back.model.u0, -16.000000000000004);
        QCOMPARE(back.protocol.steps.at(0).tOff, kForever);
    }

    // The written file is plain JSON that another reader (here Qt's) understands,
    // with the format tag and version, and "until the end" as null.
    void writtenFileIsStandardJson() {
        const std::string text = formatParameterFile(richRequest());
        QJsonParseError error{};
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = doc.object();
        QCOMPARE(root["format"].toString(), QString("izhikevich-explorer-parameters"));
        QCOMPARE(root["version"].toInt(), 1);
        QCOMPARE(root["model"].toObject()["e"].toDouble(), 0.0);
        QCOMPARE(root["simulation"].toObject()["integrator"].toString(), QString("half-step"));
        const QJsonObject firstStep = root["protocol"].toObject()["steps"].toArray()[0].toObject();
        QVERIFY(firstStep["t_off"].isNull());
        QCOMPARE(firstStep["amplitude"].toDouble(), 14.0);
    }

    void unsetU0IsWrittenAsNull() {
        SimulationRequest r = defaultRequest();
        r.model.u0.reset();
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(formatParameterFile(r)));
        QVERIFY(doc.object()["model"].toObject()["u0"].isNull());
        // null clears a base's u0 (back to b·v0)...
        QVERIFY(!parseParameterFile(formatParameterFile(r), poisonedBase()).request.model.u0);
        // ...while a missing u0 keeps the base's.
        QCOMPARE(parseParameterFile(fileWith(R"("model": {"a": 0.05})"), poisonedBase())
                     .request.model.u0,
                 std::optional<double>(7.0));
    }

    void missingFieldsKeepTheBase() {
        const SimulationRequest base = findPreset("RS")->request;
        const auto contents = parseParameterFile(
            fileWith(R"("model": {"a": 0.1}, "simulation": {"dt": 0.5})"), base);
        SimulationRequest expected = base;
        expected.model.a = 0.1;
        expected.settings.dt = 0.5;
        QVERIFY(contents.request == expected);
        QVERIFY(contents.warnings.empty());

        // An empty object changes nothing; it only warns that the format tag is missing.
        const auto empty = parseParameterFile("{}", base);
        QVERIFY(empty.request == base);
        QCOMPARE(empty.warnings.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(empty.warnings[0].message()).startsWith("format:"));
    }

    // Lists replace the base's list whole (a file's protocol is not merged into
    // the preset's); fields missing in an item take the item defaults.
    void listsReplaceTheBaseList() {
        const SimulationRequest base = findPreset("resonator")->request; // four pulses
        QCOMPARE(base.protocol.steps.size(), std::size_t(4));
        const auto contents = parseParameterFile(
            fileWith(R"("protocol": {"steps": [{"amplitude": 3, "t_on": 10}]})"), base);
        const auto& steps = contents.request.protocol.steps;
        QCOMPARE(steps.size(), std::size_t(1));
        QCOMPARE(steps[0], (CurrentStep{3, 10, kForever, false, false, false}));
        QCOMPARE(contents.request.model, base.model);

        const auto cleared = parseParameterFile(fileWith(R"("protocol": {"steps": []})"), base);
        QVERIFY(cleared.request.protocol.steps.empty());
    }

    void unknownFieldsWarnButAreRead() {
        const auto contents = parseParameterFile(
            fileWith(R"("comment": "mine", "model": {"a": 0.05, "colour": "red"},
                        "protocol": {"steps": [{"amplitude": 2, "shape": "square"}]},
                        "simulation": {"speed": 3, "dt": 0.2})"),
            defaultRequest());
        QCOMPARE(contents.request.model.a, 0.05);
        QCOMPARE(contents.request.settings.dt, 0.2);
        QCOMPARE(contents.request.protocol.steps.at(0).amplitude, 2.0);
        QStringList warnings;
        for (const auto& w : contents.warnings)
            warnings << QString::fromStdString(w.message());
        QCOMPARE(warnings.size(), 4);
        for (const char* field :
             {"comment", "model.colour", "protocol.steps[0].shape", "simulation.speed"})
            QVERIFY2(warnings.filter(QString(field) + ": unknown field").size() == 1,
                     qPrintable(field + (": " + warnings.join(" | "))));
    }

    // Each refusal names the offending field, with its path inside the file.
    void refusalsNameTheField_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        auto row = [](const char* name, const std::string& body, const char* field) {
            QTest::newRow(name) << QString::fromStdString(fileWith(body)) << QString(field);
        };
        // wrong types
        row("a string", R"("model": {"a": "x"})", "model.a");
        row("a bool", R"("model": {"a": true})", "model.a");
        row("a null", R"("model": {"a": null})", "model.a");
        row("u0 string", R"("model": {"u0": "0"})", "model.u0");
        row("model list", R"("model": [])", "model");
        row("protocol string", R"("protocol": "dc")", "protocol");
        row("baseline string", R"("protocol": {"baseline": "1"})", "protocol.baseline");
        row("baseline_is_primary number", R"("protocol": {"baseline_is_primary": 1})",
            "protocol.baseline_is_primary");
        row("steps object", R"("protocol": {"steps": {}})", "protocol.steps");
        row("step not object", R"("protocol": {"steps": [1]})", "protocol.steps[0]");
        row("second step t_off", R"("protocol": {"steps": [{"t_on": 1}, {"t_off": "x"}]})",
            "protocol.steps[1].t_off");
        row("step include_on", R"("protocol": {"steps": [{"include_on": "yes"}]})",
            "protocol.steps[0].include_on");
        row("ramp slope list", R"("protocol": {"ramps": [{"slope": []}]})",
            "protocol.ramps[0].slope");
        row("train count fraction", R"("protocol": {"pulse_trains": [{"count": 2.5}]})",
            "protocol.pulse_trains[0].count");
        row("train count zero", R"("protocol": {"pulse_trains": [{"count": 0}]})",
            "protocol.pulse_trains[0].count");
        row("spike time string", R"("protocol": {"input_spikes": [{"time": "1"}]})",
            "protocol.input_spikes[0].time");
        row("simulation list", R"("simulation": [])", "simulation");
        row("dt string", R"("simulation": {"dt": "0.1"})", "simulation.dt");
        row("integrator number", R"("simulation": {"integrator": 3})", "simulation.integrator");
        row("integrator unknown", R"("simulation": {"integrator": "leapfrog"})",
            "simulation.integrator");
        // non-finite: JSON cannot spell inf, but 1e999 overflows a double
        row("a 1e999", R"("model": {"a": 1e999})", "model.a");
        row("t_off -1e999", R"("protocol": {"steps": [{"t_on": 1, "t_off": -1e999}]})",
            "protocol.steps[0].t_off");
        row("third spike weight 1e400",
            R"("protocol": {"input_spikes": [{"time": 1}, {"time": 2}, {"weight": 1e400}]})",
            "protocol.input_spikes[2].weight");
        row("rtol 1e999", R"("simulation": {"rtol": 1e999})", "simulation.rtol");
        // values the simulation would refuse (validated after reading)
        row("dt zero", R"("simulation": {"dt": 0})", "simulation.dt");
        row("t_off before t_on", R"("protocol": {"steps": [{"t_on": 5, "t_off": 4}]})",
            "protocol.steps[0].t_off");
        row("vpeak below reset", R"("model": {"vpeak": -70})", "model.vpeak");

        // format and version
        auto raw = [](const char* name, const char* text, const QString& field) {
            QTest::newRow(name) << QString(text) << QString(field);
        };
        raw("format other", R"({"format": "csv", "version": 1})", "format");
        raw("format number", R"({"format": 1})", "format");
        raw("version 2", R"({"format": "izhikevich-explorer-parameters", "version": 2})",
            "version");
        raw("version 0", R"({"version": 0})", "version");
        raw("version string", R"({"version": "1"})", "version");
        raw("version fraction", R"({"version": 1.5})", "version");
        // not a parameter file at all
        raw("empty", "", kDocument);
        raw("whitespace", " \n\t ", kDocument);
        raw("truncated", R"({"model": {"a": 0.)", kDocument);
        raw("trailing comma", R"({"model": {"a": 0.1,}})", kDocument);
        raw("NaN literal", R"({"model": {"a": NaN}})", kDocument);
        raw("array", "[1, 2]", kDocument);
        raw("null", "null", kDocument);
        raw("bare overflow", "1e999", kDocument);
        raw("two objects", "{} {}", kDocument);
    }
    void refusalsNameTheField() {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(refusedField(text.toStdString()), field);
    }

    // Pathological nesting and size are refused before the JSON parser runs.
    void refusesDeepNestingAndHugeFiles() {
        QCOMPARE(refusedField(std::string(100000, '[') + std::string(100000, ']')),
                 kDocument);
        std::string nested = fileWith(R"("model": {"a": )");
        nested += std::string(20, '[') + "1" + std::string(20, ']') + "}}";
        QCOMPARE(refusedField(nested), kDocument);
        std::string huge = fileWith(R"("model": {"a": 0.1})");
        huge.insert(1, kMaxParameterFileBytes, ' ');
        QCOMPARE(refusedField(huge), kDocument);
        // Brackets inside strings are not nesting: twenty of them are accepted.
        // (Built without a raw string literal: moc misreads "[[" inside one.)
        QCOMPARE(refusedField(fileWith("\"comment\": \"" + std::string(20, '[') + "\"")),
                 QString("<accepted>"));
    }

    // Every proper prefix of a valid file (a file cut off while being copied)
    // is refused, never half-read; only the whole file is accepted.
    void truncatedFilesAreRefused() {
        const SimulationRequest original = richRequest();
        const std::string full = formatParameterFile(original);
        const std::size_t lastBrace = full.rfind('}');
        for (std::size_t n = 0; n < full.size(); ++n) {
            const std::string prefix = full.substr(0, n);
            if (n <= lastBrace) {
                const QString field = refusedField(prefix);
                QVERIFY2(field == kDocument, qPrintable(QString("prefix of %1 bytes: %2").arg(n).arg(field)));
            } else {
                QVERIFY(parseParameterFile(prefix, defaultRequest()).request == original);
            }
        }
    }

    // Random bytes, random JSON-ish token soup and random corruptions of a
    // valid file: the parser returns a valid request or throws InvalidInput.
    void randomInputNeverCrashes() {
        std::mt19937 random(20031114); // fixed seed: failures reproduce
        auto uniform = [&](int lo, int hi) {
            return std::uniform_int_distribution<int>(lo, hi)(random);
        };

        for (int i = 0; i < 2000; ++i) {
            std::string bytes(uniform(0, 256), '\0');
            for (char& ch : bytes)
                ch = static_cast<char>(uniform(0, 255));
            const QString problem = checkNeverCrashes(bytes);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }

        static const char* tokens[] = {
            "{", "}", "[", "]", ",", ":", "\"model\"", "\"protocol\"", "\"simulation\"",
            "\"steps\"", "\"ramps\"", "\"pulse_trains\"", "\"input_spikes\"", "\"a\"",
            "\"t_on\"", "\"t_off\"", "\"count\"", "\"dt\"", "\"duration\"", "\"integrator\"",
            "\"rk4\"", "\"u0\"", "\"version\"", "\"format\"", "1", "-1", "0", "0.25", "1e999",
            "-1e400", "1e-400", "2.5", "1e6", "18446744073709551616", "true", "null", "\"x\""};
        const int tokenCount = static_cast<int>(std::size(tokens));
        for (int i = 0; i < 3000; ++i) {
            std::string soup = "{";
            for (int n = uniform(0, 40); n > 0; --n)
                soup += tokens[uniform(0, tokenCount - 1)];
            const QString problem = checkNeverCrashes(soup);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }

        const std::string valid = formatParameterFile(richRequest());
        for (int i = 0; i < 3000; ++i) {
            std::string mutated = valid;
            for (int n = uniform(1, 4); n > 0; --n) {
                const auto at = static_cast<std::size_t>(uniform(0, int(mutated.size()) - 1));
                switch (uniform(0, 2)) {
                case 0: mutated[at] = static_cast<char>(uniform(0, 255)); break;
                case 1: mutated.erase(at, static_cast<std::size_t>(uniform(1, 8))); break;
                default: mutated.insert(at, 1, "0123456789e-.,:[]{}\""[uniform(0, 19)]); break;
                }
                if (mutated.empty())
                    break;
            }
            const QString problem = checkNeverCrashes(mutated);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
};

QTEST_APPLESS_MAIN(TestParameterFile)
#include "test_parameter_file.moc"
