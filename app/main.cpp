// SPDX-License-Identifier: GPL-3.0-or-later
// Izhikevich Explorer: the command line and the window over the core. A
// command that draws nothing runs with a QCoreApplication; one that draws
// with Qt's widgets gets a QApplication, on the offscreen platform unless it
// opens the window, so that no headless mode needs a display.
#include "cli/arguments.h"
#include "cli/command_line.h"
#include "cli/exit_status.h"

#include <QApplication>
#include <QCoreApplication>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace {

// A headless command's standard error carries its own messages only: Qt's
// remarks about the platform it draws on ("XDG_RUNTIME_DIR not set", the
// offscreen plugin's "propagateSizeHints") are no concern of the user's.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", qPrintable(message));
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
        invocation = parseCommandLine(decodeArguments(argc, argv));
    } catch (const izh::InvalidInput& error) {
        reportInvalid(err, error);
        return ExitInvalidInput;
    }
    for (const QString& warning : invocation.warnings)
        err << "warning: " << warning << '\n';
    err.flush();

    if (invocation.mode != Invocation::Mode::Window)
        qInstallMessageHandler(quietQtMessages);
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
    const int status = runInvocation(invocation, console);
    // What went to standard output must have arrived: a full disk or a closed
    // pipe behind it is an output that could not be written.
    out.flush();
    if (out.status() != QTextStream::Ok || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        err << "error: standard output: cannot write: "
            << (errno ? QString::fromLocal8Bit(std::strerror(errno)) : QString("write failed"))
            << '\n';
        return status == ExitDone ? int(ExitOutputFailed) : status;
    }
    return status;
}
