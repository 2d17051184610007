// SPDX-License-Identifier: GPL-3.0-or-later
// Izhikevich Explorer: the command line and the window over the core. A
// command that draws nothing runs with a QCoreApplication; one that draws
// with Qt's widgets gets a QApplication, on the offscreen platform unless it
// opens the window, so that no headless mode needs a display.
#include "cli/command_line.h"
#include "cli/exit_status.h"

#include <QApplication>
#include <QCoreApplication>
#include <memory>

namespace {

QStringList argumentsOf(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

} // namespace

int main(int argc, char** argv) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    QCoreApplication::setApplicationName("izhikevich-explorer");
    QCoreApplication::setApplicationVersion(IZH_VERSION);
    QCoreApplication::setOrganizationName("izhikevich-explorer");
    QTextStream out(stdout), err(stderr);

    Invocation invocation;
    try {
        invocation = parseCommandLine(argumentsOf(argc, argv));
    } catch (const izh::InvalidInput& error) {
        reportInvalid(err, error);
        return ExitInvalidInput;
    }
    for (const QString& warning : invocation.warnings)
        err << "warning: " << warning << '\n';
    err.flush();

    std::unique_ptr<QCoreApplication> app;
    if (drawsWidgets(invocation)) {
        if (invocation.mode != Invocation::Mode::Window &&
            !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    Console console{out, err, sinceStart};
    return runInvocation(invocation, console);
}
