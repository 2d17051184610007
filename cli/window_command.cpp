// SPDX-License-Identifier: GPL-3.0-or-later
// No mode option: the explorer window, with the preset or parameter file
// given (or the last session's parameters).
#include "cli/command_table.h"
#include "ui/plots/plot_panel.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <utility>

namespace {

int runWindow(const Invocation& invocation, Console& console) {
    MainWindow window;
    // IZH_TRACE_STARTUP=1 reports the time from start to the first painted
    // plot (the budget of docs/performance.md#budgets), e.g. under xvfb-run.
    if (qEnvironmentVariableIsSet("IZH_TRACE_STARTUP"))
        QObject::connect(window.plotPanel(), &PlotPanel::repainted, &window, [&console] {
            static bool reported = false;
            if (!std::exchange(reported, true)) {
                console.err << "first_paint_ms=" << console.sinceStart.elapsed() << '\n';
                console.err.flush();
            }
        });
    window.resize(1600, 1000);
    window.restoreSettings();
    if (!invocation.presetId.isEmpty() || !invocation.paramsFile.isEmpty())
        window.loadRequest(invocation.request, invocation.presetId);
    window.show();
    return QApplication::exec();
}

} // namespace

Command windowCommand() {
    Command command{Invocation::Mode::Window};
    command.draws = [](const Invocation&) { return true; };
    command.run = runWindow;
    return command;
}
