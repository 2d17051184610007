// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command_line.h"

#include "cli/export_command.h"
#include "cli/sweep_command.h"
#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/io/parameter_file.h"
#include "core/model/parameter_catalogue.h"
#include "core/model/request_validation.h"
#include "core/presets/preset_library.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QHash>

using izh::InvalidInput;

namespace {

double parseValue(const QString& field, const QString& text) {
    const auto value = izh::parseNumber(text.toStdString());
    if (!value)
        throw InvalidInput(field.toStdString(), "'" + text.toStdString() + "' is not a number");
    izh::requireFinite(field.toStdString(), *value);
    return *value;
}

void applyParameterFile(Invocation& invocation, const QString& path) {
    const auto contents =
        izh::readParameterFile(QFile::encodeName(path).toStdString(), invocation.request);
    invocation.request = contents.request;
    for (const auto& warning : contents.warnings)
        invocation.warnings << QString::fromStdString(warning.message());
}

void applySet(Invocation& invocation, const QString& assignment) {
    const qsizetype eq = assignment.indexOf('=');
    if (eq <= 0)
        throw InvalidInput("set", "expected NAME=VALUE, got '" + assignment.toStdString() + "'");
    const QString name = assignment.left(eq).trimmed();
    const izh::ParameterInfo& parameter = izh::parameter(name.toStdString());
    parameter.set(invocation.request, parseValue(name, assignment.mid(eq + 1)));
}

} // namespace

Invocation parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Izhikevich Explorer: the Izhikevich (2003) spiking neuron, live.\n"
        "With no mode option it opens the explorer window.");
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption listPresets("list-presets", "List the presets: ID<TAB>title.");
    const QCommandLineOption simulate("simulate", "Run one simulation headlessly.");
    const QCommandLineOption preset("preset", "Start from preset ID.", "ID");
    const QCommandLineOption params("params", "Read a parameter file (JSON).", "FILE");
    const QCommandLineOption set(
        "set",
        QString::fromStdString("Set a parameter (repeatable): " + izh::parameterNameList() +
                               " (I: the protocol's primary amplitude)."),
        "NAME=VALUE");
    const QCommandLineOption duration("duration", "Run length in ms.", "MS");
    const QCommandLineOption dt("dt", "Step (fixed-step) or sampling grid (rk45) in ms.", "MS");
    const QCommandLineOption integrator(
        "integrator", QString::fromUtf8(izh::integratorIdList().data()) + ".", "ID");
    const QCommandLineOption rtol("rtol", "Relative tolerance of rk45.", "X");
    const QCommandLineOption atol("atol", "Absolute tolerance of rk45.", "X");
    const QCommandLineOption csv("csv", "Write the trajectory t_ms,v_mV,u,I to F.", "F");
    const QCommandLineOption spikes("spikes", "Write the spike times to F.", "F");
    const QCommandLineOption png(
        "png", "Write the plot (--simulate) or the heat map (--sweep) as a PNG image to F.", "F");
    const QCommandLineOption svg("svg", "Write the plot as an SVG drawing to F.", "F");
    const QCommandLineOption figure2("figure2", "Draw the eight 2003 Fig. 2 panels into F.png.", "F");
    const QCommandLineOption features2004("features2004",
                                          "Draw the twenty 2004 features into F.png.", "F");
    const QCommandLineOption benchmarkUi(
        "benchmark-ui", "Time slider-to-paint latency in the real window (offscreen).");
    parser.addOptions({listPresets, simulate, preset, params, set, duration, dt, integrator, rtol,
                       atol, csv, spikes, png, svg, benchmarkUi, figure2, features2004});
    parser.addOptions(exportOptions());
    parser.addOptions(sweepOptions());
    parser.addPositionalArgument("FILE.json", "A parameter file to open in the explorer.",
                                 "[FILE.json]");

    if (!parser.parse(arguments)) {
        // QCommandLineParser says e.g. "Unknown option 'x'." or "Missing value after '--dt'."
        throw InvalidInput("command line", parser.errorText().toStdString());
    }

    Invocation invocation;
    invocation.request = izh::defaultRequest();
    // --help-all (added by addHelpOption) is help too, not a request to open the explorer.
    if (parser.isSet(help) || parser.isSet("help-all")) {
        invocation.mode = Invocation::Mode::Help;
        invocation.helpText = parser.helpText();
        // Parsed before a QCoreApplication exists, Qt cannot name the program.
        invocation.helpText.replace("<executable_name>",
                                    QFileInfo(arguments.value(0)).fileName());
        return invocation;
    }
    if (parser.isSet(version)) {
        invocation.mode = Invocation::Mode::Version;
        return invocation;
    }
    if (int(parser.isSet(listPresets)) + int(parser.isSet(simulate)) +
            int(parser.isSet(benchmarkUi)) + int(parser.isSet(figure2)) +
            int(parser.isSet(features2004)) > 1)
        throw InvalidInput("command line", "--list-presets, --simulate, --benchmark-ui, "
                                           "--figure2 and --features2004 exclude each other");
    if (parser.isSet(listPresets))
        invocation.mode = Invocation::Mode::ListPresets;
    else if (parser.isSet(simulate))
        invocation.mode = Invocation::Mode::Simulate;
    else if (parser.isSet(benchmarkUi))
        invocation.mode = Invocation::Mode::BenchmarkUi;
    else if (parser.isSet(figure2) || parser.isSet(features2004)) {
        invocation.mode = Invocation::Mode::Gallery;
        invocation.galleryIs2004 = parser.isSet(features2004);
        invocation.galleryPath = parser.value(invocation.galleryIs2004 ? features2004 : figure2);
        if (invocation.galleryPath.isEmpty())
            throw InvalidInput(invocation.galleryIs2004 ? "features2004" : "figure2",
                               "needs a file name");
    }
    applyExportOptions(parser, invocation);
    applySweepOptions(parser, invocation);

    // Model options apply in the order given: later ones override earlier ones.
    QHash<QString, qsizetype> used;
    for (const QString& name : parser.optionNames()) {
        const QStringList values = parser.values(name);
        const QString value = values.value(used[name]++);
        if (name == "preset") {
            const auto* found = izh::findPreset(value.toStdString());
            if (!found)
                throw InvalidInput("preset", "unknown preset '" + value.toStdString() +
                                                 "' (see --list-presets)");
            invocation.request = found->request;
            invocation.presetId = value;
        } else if (name == "params") {
            applyParameterFile(invocation, value);
            invocation.paramsFile = value;
        } else if (name == "set") {
            applySet(invocation, value);
        } else if (name == "duration" || name == "dt" || name == "rtol" || name == "atol") {
            izh::setParameter(invocation.request, name.toStdString(), parseValue(name, value));
        } else if (name == "integrator") {
            const auto kind = izh::integratorFromId(value.toStdString());
            if (!kind)
                throw InvalidInput("integrator", "unknown integrator '" + value.toStdString() +
                                                     "' (" + std::string(izh::integratorIdList()) +
                                                     ")");
            invocation.request.settings.integrator = *kind;
        }
    }
    invocation.csvPath = parser.value(csv);
    invocation.spikesPath = parser.value(spikes);
    invocation.pngPath = parser.value(png);
    invocation.svgPath = parser.value(svg);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        throw InvalidInput("command line", "at most one parameter file may be given");
    if (!positional.isEmpty()) {
        if (invocation.mode != Invocation::Mode::Gui)
            throw InvalidInput("command line", "unexpected argument '" +
                                                   positional.front().toStdString() +
                                                   "' (use --params FILE)");
        applyParameterFile(invocation, positional.front());
        invocation.paramsFile = positional.front();
    }
    const std::pair<const QCommandLineOption*, QString*> outputs[] = {
        {&csv, &invocation.csvPath},
        {&spikes, &invocation.spikesPath},
        {&png, &invocation.pngPath},
        {&svg, &invocation.svgPath}};
    QStringList seen;
    for (auto [option, path] : outputs) {
        if (!parser.isSet(*option))
            continue;
        const std::string name = option->names().front().toStdString();
        if (invocation.mode != Invocation::Mode::Simulate &&
            !(invocation.mode == Invocation::Mode::Sweep && (option == &csv || option == &png)))
            throw InvalidInput(name, "is an output of --simulate");
        if (path->isEmpty())
            throw InvalidInput(name, "needs a file name");
        // Compared as absolute paths: "out.csv" and "./out.csv" are one file,
        // and the second commit would silently replace the first.
        const QString absolute = QFileInfo(*path).absoluteFilePath();
        if (seen.contains(absolute))
            throw InvalidInput(name, "must not be the same file as another output");
        seen << absolute;
    }

    izh::validateRequest(invocation.request, invocation.mode == Invocation::Mode::Simulate &&
                                                 !invocation.csvPath.isEmpty());
    return invocation;
}
