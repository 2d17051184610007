// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/export_command.h"

#include "cli/exit_status.h"
#include "core/base/invalid_input.h"
#include "core/export/model_export.h"
#include "ui/files/atomic_outputs.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <string>

using izh::InvalidInput;

namespace {

struct ExportKind {
    const char* option;
    const char* description;
    QString Invocation::*path;
    std::string (*generate)(const izh::SimulationRequest&);
};

const ExportKind kExports[] = {
    {"export-nestml", "Write the model as a NESTML file (the NESTML tutorial's model) to F.",
     &Invocation::nestmlPath, &izh::exportNestml},
    {"export-pynest", "Write a PyNEST script (NESTML module, generators, recorders) to F.",
     &Invocation::pynestPath, &izh::exportPynest},
    {"export-brian2", "Write a runnable Brian2 script (same model, protocol, scheme, dt) to F.",
     &Invocation::brian2Path, &izh::exportBrian2},
};

} // namespace

QList<QCommandLineOption> exportOptions() {
    QList<QCommandLineOption> options;
    for (const auto& kind : kExports)
        options << QCommandLineOption(kind.option, kind.description, "F");
    return options;
}

void applyExportOptions(const QCommandLineParser& parser, Invocation& invocation) {
    QStringList seen;
    for (const auto& kind : kExports) {
        if (!parser.isSet(kind.option))
            continue;
        if (invocation.mode != Invocation::Mode::Gui && invocation.mode != Invocation::Mode::Export)
            throw InvalidInput("command line", "--export-nestml, --export-pynest and "
                                               "--export-brian2 exclude the other modes");
        invocation.mode = Invocation::Mode::Export;
        const QString path = parser.value(kind.option);
        if (path.isEmpty())
            throw InvalidInput(kind.option, "needs a file name");
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (seen.contains(absolute))
            throw InvalidInput(kind.option, "must not be the same file as another output");
        seen << absolute;
        invocation.*kind.path = path;
    }
}

int runExportCommand(const Invocation& invocation, QTextStream& out, QTextStream& err) {
    AtomicOutputs outputs;
    for (const auto& kind : kExports) {
        const QString& path = invocation.*kind.path;
        if (!path.isEmpty() && !outputs.add(kind.option, path)) {
            err << "error: " << outputs.error() << '\n';
            outputs.discard();
            return ExitOutputFailed;
        }
    }
    bool written = true;
    for (const auto& kind : kExports) {
        if ((invocation.*kind.path).isEmpty())
            continue;
        const std::string text = kind.generate(invocation.request);
        written = written && outputs.write(kind.option, [&](const AtomicOutputs::Writer& write) {
            return write(text.data(), static_cast<qint64>(text.size()));
        });
    }
    if (!written || !outputs.commit()) {
        err << "error: " << outputs.error() << '\n';
        outputs.discard();
        return ExitOutputFailed;
    }
    for (const auto& kind : kExports)
        if (!(invocation.*kind.path).isEmpty())
            out << kind.option + 7 << " written to " << invocation.*kind.path << '\n';
    return ExitDone;
}
