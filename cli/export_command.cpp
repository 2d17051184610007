// SPDX-License-Identifier: GPL-3.0-or-later
// --export-nestml F, --export-pynest F, --export-brian2 F (docs/command-line.md#exports):
// the model with any model options, as the texts of core/export/model_export.h;
// the three may be given together.
#include "cli/command_outputs.h"
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "core/base/invalid_input.h"
#include "core/export/model_export.h"

#include <string>

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

int runExport(const Invocation& invocation, Console& console) {
    CommandOutputs outputs(console.err);
    for (const auto& kind : kExports)
        if (!outputs.open(kind.option, invocation.*kind.path))
            return ExitOutputFailed;
    for (const auto& kind : kExports) {
        if ((invocation.*kind.path).isEmpty())
            continue;
        const std::string text = kind.generate(invocation.request);
        outputs.fill(kind.option, QByteArrayView(text.data(), qsizetype(text.size())));
    }
    if (const int status = outputs.commit(); status != ExitDone)
        return status;
    QTextStream& summary = outputs.writesToStandardOutput() ? console.err : console.out;
    for (const auto& kind : kExports)
        if (!(invocation.*kind.path).isEmpty())
            summary << kind.option + 7 << " written to " << invocation.*kind.path << '\n';
    return ExitDone;
}

} // namespace

Command exportCommand() {
    Command command{Invocation::Mode::Export};
    for (const auto& kind : kExports) {
        command.selectors << kind.option;
        command.outputs << kind.option;
        command.options << QCommandLineOption(kind.option, kind.description, "F");
    }
    command.run = runExport;
    return command;
}
