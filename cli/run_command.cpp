// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/run_command.h"

#include "cli/exit_status.h"
#include "cli/export_command.h"
#include "cli/headless_commands.h"
#include "cli/sweep_command.h"

void reportInvalid(QTextStream& err, const izh::InvalidInput& error) {
    err << "error: " << QString::fromStdString(error.what()) << '\n';
}

int runCommand(const Invocation& invocation, QTextStream& out, QTextStream& err,
               const ImageRenderers* renderers) {
    try {
        switch (invocation.mode) {
        case Invocation::Mode::Help: out << invocation.helpText; return ExitDone;
        case Invocation::Mode::Version:
            out << "izhikevich-explorer " << IZH_VERSION << '\n';
            return ExitDone;
        case Invocation::Mode::ListPresets: return listPresets(out);
        case Invocation::Mode::Simulate:
            return runSimulateCommand(invocation, out, err, renderers);
        case Invocation::Mode::Sweep: return runSweepCommand(invocation, out, err, renderers);
        case Invocation::Mode::Export: return runExportCommand(invocation, out, err);
        case Invocation::Mode::Gui:
        case Invocation::Mode::BenchmarkUi:
        case Invocation::Mode::Gallery: break; // the drawing module's own (widgets_module.cpp)
        }
    } catch (const izh::InvalidInput& error) {
        reportInvalid(err, error);
        return ExitInvalidInput;
    }
    err << "error: command line: this mode needs the drawing module\n";
    return ExitOutputFailed;
}
