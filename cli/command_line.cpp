// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command_line.h"

#include "cli/arguments.h"
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/io/output_files.h"
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

// The options every command shares: the model options, applied in order.
QList<QCommandLineOption> modelOptions() {
    return {
        QCommandLineOption("preset", "Start from preset ID.", "ID"),
        QCommandLineOption("params", "Read a parameter file (JSON).", "FILE"),
        QCommandLineOption("set",
                           QString::fromStdString("Set a parameter (repeatable): " +
                                                  izh::parameterNameList() +
                                                  " (I: the protocol's primary amplitude)."),
                           "NAME=VALUE"),
        QCommandLineOption("duration", "Run length in ms.", "MS"),
        QCommandLineOption("dt", "Step (fixed-step) or sampling grid (rk45) in ms.", "MS"),
        QCommandLineOption("integrator",
                           QString::fromUtf8(izh::integratorIdList().data()) + ".", "ID"),
        QCommandLineOption("rtol", "Relative tolerance of rk45.", "X"),
        QCommandLineOption("atol", "Absolute tolerance of rk45.", "X"),
    };
}

// The output options several commands write, and where an invocation keeps
// each output's path (the commands' own outputs: exports, galleries).
QList<QCommandLineOption> sharedOutputOptions() {
    return {
        QCommandLineOption("csv", "Write the trajectory t_ms,v_mV,u,I (--simulate) or the grid "
                                  "(--sweep) to F.",
                           "F"),
        QCommandLineOption("spikes", "Write the spike times to F.", "F"),
        QCommandLineOption(
            "png", "Write the plot (--simulate) or the heat map (--sweep) as a PNG image to F.",
            "F"),
        QCommandLineOption("svg", "Write the plot as an SVG drawing to F.", "F"),
    };
}

const QHash<QString, QString Invocation::*>& outputPaths() {
    static const QHash<QString, QString Invocation::*> paths = {
        {"csv", &Invocation::csvPath},
        {"spikes", &Invocation::spikesPath},
        {"png", &Invocation::pngPath},
        {"svg", &Invocation::svgPath},
        {"export-nestml", &Invocation::nestmlPath},
        {"export-pynest", &Invocation::pynestPath},
        {"export-brian2", &Invocation::brian2Path},
        {"figure2", &Invocation::figure2Path},
        {"features2004", &Invocation::features2004Path},
    };
    return paths;
}

double parseValue(const QString& field, const QString& text) {
    const auto value = izh::parseNumber(text.toStdString());
    if (!value)
        throw InvalidInput(field.toStdString(), "'" + text.toStdString() + "' is not a number");
    izh::requireFinite(field.toStdString(), *value);
    return *value;
}

void applyParameterFile(Invocation& invocation, const QString& path) {
    const auto contents = izh::readParameterFile(encodePath(path), invocation.request);
    invocation.request = contents.request;
    invocation.paramsFile = path;
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

// The model options in the order given: later ones override earlier ones.
void applyModelOptions(const QCommandLineParser& parser, Invocation& invocation) {
    QHash<QString, qsizetype> used;
    for (const QString& name : parser.optionNames()) {
        const QString value = parser.values(name).value(used[name]++);
        if (name == "preset") {
            const auto* found = izh::findPreset(value.toStdString());
            if (!found)
                throw InvalidInput("preset", "unknown preset '" + value.toStdString() +
                                                 "' (see --list-presets)");
            invocation.request = found->request;
            invocation.presetId = value;
        } else if (name == "params") {
            applyParameterFile(invocation, value);
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
}

QString optionList(const QStringList& names, const QString& joiner = " and ") {
    QStringList flags;
    for (const QString& name : names)
        flags << "--" + name;
    if (flags.size() <= 1)
        return flags.join("");
    return flags.mid(0, flags.size() - 1).join(", ") + joiner + flags.back();
}

// The command the options choose: the one whose selectors were given, the
// window when none were. Two commands' selectors exclude each other.
const Command& chosenCommand(const QCommandLineParser& parser) {
    const Command* chosen = nullptr;
    QStringList given;
    bool conflict = false;
    for (const Command& command : commands())
        for (const QString& selector : command.selectors)
            if (parser.isSet(selector)) {
                given << selector;
                conflict = conflict || (chosen && chosen != &command);
                chosen = &command;
            }
    if (conflict)
        throw InvalidInput("command line",
                           optionList(given).toStdString() +
                               " choose different commands; give the options of one");
    return chosen ? *chosen : commandFor(Invocation::Mode::Window);
}

// A command's own options belong to it alone.
void refuseOtherCommandsOptions(const QCommandLineParser& parser, const Command& chosen) {
    for (const Command& command : commands()) {
        if (&command == &chosen)
            continue;
        for (const QCommandLineOption& option : command.options) {
            const QString name = option.names().front();
            if (!command.selectors.contains(name) && parser.isSet(name))
                throw InvalidInput(name.toStdString(),
                                   "is an option of " + optionList({command.selectors.front()})
                                                            .toStdString());
        }
    }
}

// The output paths: each given once, to a command that writes it, named,
// and no two outputs one file ("out.csv", "./out.csv" and a link to it are
// one file: the second commit would replace the first).
void applyOutputs(const QCommandLineParser& parser, const Command& chosen, Invocation& invocation) {
    QList<std::pair<QString, QString>> seen; // option, path
    for (const QString& name : chosen.outputs) {
        if (!parser.isSet(name))
            continue;
        if (parser.values(name).size() > 1)
            throw InvalidInput(name.toStdString(), "is given more than once (" +
                                                       shownValue(parser.values(name).join(", ")) +
                                                       "); give one file");
        const QString path = parser.value(name);
        if (path.isEmpty())
            throw InvalidInput(name.toStdString(), "needs a file name");
        for (const auto& [other, otherPath] : seen)
            if (izh::sameFile(encodePath(otherPath), encodePath(path)))
                throw InvalidInput(name.toStdString(), "'" + shownValue(path) +
                                                           "' is the same file as --" +
                                                           other.toStdString() + " '" +
                                                           shownValue(otherPath) + "'");
        seen.push_back({name, path});
        invocation.*outputPaths().value(name) = path;
    }
    for (const QCommandLineOption& option : sharedOutputOptions()) {
        const QString name = option.names().front();
        if (!parser.isSet(name) || chosen.outputs.contains(name))
            continue;
        QStringList writers;
        for (const Command& command : commands())
            if (command.outputs.contains(name))
                writers << command.selectors.front();
        const QString notOf =
            chosen.selectors.isEmpty() ? "" : ", not of " + optionList({chosen.selectors.front()});
        throw InvalidInput(name.toStdString(),
                           ("is an output of " + optionList(writers) + notOf).toStdString());
    }
}

} // namespace

Invocation parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Izhikevich Explorer: the Izhikevich (2003) spiking neuron, live.\n"
        "With no mode option it opens the explorer window.");
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    for (const Command& command : commands())
        parser.addOptions(command.options);
    parser.addOptions(modelOptions());
    parser.addOptions(sharedOutputOptions());
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

    const Command& command = chosenCommand(parser);
    invocation.mode = command.mode;
    refuseOtherCommandsOptions(parser, command);
    applyModelOptions(parser, invocation);
    applyOutputs(parser, command, invocation);
    if (command.read)
        command.read(parser, invocation);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        throw InvalidInput("command line", "at most one parameter file may be given");
    if (!positional.isEmpty()) {
        if (invocation.mode != Invocation::Mode::Window)
            throw InvalidInput("command line", "unexpected argument '" +
                                                   positional.front().toStdString() +
                                                   "' (use --params FILE)");
        applyParameterFile(invocation, positional.front());
    }

    izh::validateRequest(invocation.request, invocation.mode == Invocation::Mode::Simulate &&
                                                 !invocation.csvPath.isEmpty());
    return invocation;
}

bool drawsWidgets(const Invocation& invocation) {
    const Command& command = commandFor(invocation.mode);
    return command.draws && command.draws(invocation);
}

void reportInvalid(QTextStream& err, const InvalidInput& error) {
    err << "error: " << QString::fromStdString(error.what()) << '\n';
}

int runInvocation(const Invocation& invocation, Console& console) {
    try {
        return commandFor(invocation.mode).run(invocation, console);
    } catch (const InvalidInput& error) {
        reportInvalid(console.err, error);
        return ExitInvalidInput;
    }
}
