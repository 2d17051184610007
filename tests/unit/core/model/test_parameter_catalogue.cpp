// SPDX-License-Identifier: GPL-3.0-or-later
// The parameter and integrator catalogues: every row consistent with the
// request it describes, and the tables in docs/ rendered from them.
// IZH_UPDATE_DOCS=1 rewrites the tables in docs/ instead of failing.
#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/io/parameter_file.h"
#include "core/model/integrator_catalogue.h"
#include "core/model/parameter_catalogue.h"
#include "core/model/request_validation.h"
#include "core/presets/preset_library.h"

#include <QFile>
#include <QSet>
#include <QTest>
#include <cmath>

using namespace izh;

namespace {

QString text(std::string_view view) { return QString::fromUtf8(view.data(), qsizetype(view.size())); }

// A number as the docs print it: shortest exact form, a true minus sign.
QString shown(double value) {
    QString number = QString::fromStdString(formatNumber(value));
    if (number.startsWith('-'))
        number[0] = QChar(0x2212);
    return number;
}

QString parameterTable() {
    QStringList lines = {"| name | meaning | unit | default | window | sweep | file key |",
                         "|---|---|---|---|---|---|---|"};
    const SimulationRequest defaults = defaultRequest();
    for (const auto& info : parameterCatalogue()) {
        const QString value = info.isDerived && info.isDerived(defaults)
                                  ? "derived: b·v0 = " + shown(info.get(defaults))
                                  : shown(defaultValue(info));
        const QString window = info.onSlider ? "slider " + shown(info.sliderMin) + " … " +
                                                   shown(info.sliderMax)
                                             : "More";
        const QString sweep = info.notSweepable ? "no" : "yes";
        const QString key = info.fileKey.empty()
                                ? "the protocol (its primary amplitude)"
                                : "`" + text(sectionKey(info.section)) + "." + text(info.fileKey) +
                                      "`";
        lines << QString("| `%1` | %2 | %3 | %4 | %5 | %6 | %7 |")
                     .arg(text(info.name), text(info.meaning),
                          info.unit.empty() ? "—" : text(info.unit), value, window, sweep, key);
    }
    return lines.join('\n');
}

QString integratorTable() {
    QStringList lines = {"| id | title in the window | one step | who uses it |", "|---|---|---|---|"};
    for (const auto& info : integratorCatalogue())
        lines << QString("| `%1` | %2 | %3 | %4 |")
                     .arg(text(info.id), text(info.title), text(info.scheme), text(info.usedBy));
    return lines.join('\n');
}

// The text between "<!-- generated: NAME" and "<!-- end: NAME -->" in `path`
// must be `table`; with IZH_UPDATE_DOCS=1 it is made so.
QString checkGeneratedSection(const QString& path, const QString& name, const QString& table) {
    QFile file(QStringLiteral(IZH_SOURCE_DIR) + "/" + path);
    if (!file.open(QIODevice::ReadOnly))
        return path + ": cannot read it";
    QString doc = QString::fromUtf8(file.readAll());
    file.close();
    const QString begin = "<!-- generated: " + name, end = "<!-- end: " + name + " -->";
    const qsizetype at = doc.indexOf(begin);
    const qsizetype stop = doc.indexOf(end);
    if (at < 0 || stop < at)
        return path + ": no section \"" + begin + "\" … \"" + end + "\"";
    const qsizetype bodyStart = doc.indexOf('\n', at) + 1;
    const QString current = doc.mid(bodyStart, stop - bodyStart);
    const QString wanted = table + "\n";
    if (current == wanted)
        return {};
    if (qEnvironmentVariable("IZH_UPDATE_DOCS") == "1") {
        doc.replace(bodyStart, stop - bodyStart, wanted);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return path + ": cannot write it";
        file.write(doc.toUtf8());
        return {};
    }
    return path + ": the " + name + " is not the catalogue's; run this test with " +
           "IZH_UPDATE_DOCS=1 to rewrite it. Expected:\n" + wanted;
}

} // namespace

class TestParameterCatalogue : public QObject {
    Q_OBJECT

private slots:
    void namesAndFileKeysAreUnique() {
        QSet<QString> names, keys;
        for (const auto& info : parameterCatalogue()) {
            QVERIFY2(!names.contains(text(info.name)), info.name.data());
            names << text(info.name);
            if (info.fileKey.empty())
                continue;
            const QString key = text(sectionKey(info.section)) + "." + text(info.fileKey);
            QVERIFY2(!keys.contains(key), qPrintable(key));
            keys << key;
        }
        QCOMPARE(findParameter("no-such"), nullptr);
        QVERIFY_THROWS_EXCEPTION(InvalidInput, parameter("no-such"));
    }

    // set then get gives the value back, and touches nothing else.
    void accessorsRoundTrip() {
        for (const auto& info : parameterCatalogue()) {
            SimulationRequest request = findPreset("TC-rebound")->request;
            const SimulationRequest before = request;
            const double value = info.get(request) + 0.125;
            info.set(request, value);
            QCOMPARE(info.get(request), value);
            QCOMPARE(getParameter(request, info.name), value);
            for (const auto& other : parameterCatalogue())
                if (other.name != info.name &&
                    !(other.name == "u0" && (info.name == "b" || info.name == "v0")))
                    QVERIFY2(other.get(request) == other.get(before),
                             qPrintable(text(info.name) + " moved " + text(other.name)));
        }
    }

    // The defaults the docs show are the default run's.
    void defaultsAreTheDefaultRun() {
        const SimulationRequest defaults = defaultRequest();
        QCOMPARE(defaultValue(*findParameter("a")), 0.02);
        QCOMPARE(defaultValue(*findParameter("I")), 10.0);
        QCOMPARE(defaultValue(*findParameter("dt")), 0.1);
        for (const auto& info : parameterCatalogue())
            QCOMPARE(defaultValue(info), info.get(defaults));
        QVERIFY(findParameter("u0")->isDerived(defaults));
    }

    // Every preset's value of a slider parameter lies on its slider.
    void slidersCoverEveryPreset() {
        for (const auto& preset : presets())
            for (const auto& info : parameterCatalogue()) {
                if (!info.onSlider)
                    continue;
                const double value = info.get(preset.request);
                QVERIFY2(value >= info.sliderMin && value <= info.sliderMax,
                         qPrintable(QString::fromStdString(preset.id) + ": " + text(info.name)));
            }
    }

    // The ranges are what validation enforces, with the parameter named.
    void rangesAreEnforced() {
        struct Case {
            const char* name;
            double value;
            const char* reason;
        };
        for (const Case& c : {Case{"dt", 0, "must be positive"}, {"duration", -1, "must be positive"},
                              {"rtol", 1, "must be between 0 and 1 (exclusive)"},
                              {"atol", 0, "must be positive"}}) {
            SimulationRequest request = defaultRequest();
            setParameter(request, c.name, c.value);
            try {
                validateRequest(request, false);
                QFAIL(c.name);
            } catch (const InvalidInput& error) {
                QCOMPARE(QString::fromStdString(error.field()), QString(c.name));
                QCOMPARE(QString::fromStdString(error.reason()), QString(c.reason));
            }
        }
        SimulationRequest request = defaultRequest();
        QVERIFY_THROWS_EXCEPTION(InvalidInput, setParameter(request, "a", std::nan("")));
    }

    // A file holds every parameter that has a file key, and reads back.
    void parameterFilesHoldEveryStoredParameter() {
        SimulationRequest request = findPreset("accommodation")->request;
        for (const auto& info : parameterCatalogue())
            if (!info.fileKey.empty())
                info.set(request, info.get(request) * 1.5 + 0.25 * (info.range.min == 0));
        const std::string saved = formatParameterFile(request);
        for (const auto& info : parameterCatalogue())
            if (!info.fileKey.empty())
                QVERIFY2(saved.find("\"" + std::string(info.fileKey) + "\"") != std::string::npos,
                         info.name.data());
        QVERIFY(parseParameterFile(saved, defaultRequest()).request == request);
    }

    void integratorIdsRoundTrip() {
        QCOMPARE(int(integratorCatalogue().size()), 5);
        for (const auto& info : integratorCatalogue()) {
            QCOMPARE(integratorFromId(info.id), std::optional(info.kind));
            QCOMPARE(integratorId(info.kind), info.id);
        }
        QCOMPARE(integratorIdList(), std::string_view("euler, semi-implicit, half-step, rk4, rk45"));
    }

    void docsTablesAreTheCatalogues() {
        const QString parameters =
            checkGeneratedSection("docs/model.md", "parameter table", parameterTable());
        QVERIFY2(parameters.isEmpty(), qPrintable(parameters));
        const QString integrators =
            checkGeneratedSection("docs/integrators.md", "integrator table", integratorTable());
        QVERIFY2(integrators.isEmpty(), qPrintable(integrators));
    }
};

QTEST_APPLESS_MAIN(TestParameterCatalogue)
#include "test_parameter_catalogue.moc"
