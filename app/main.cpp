// SPDX-License-Identifier: GPL-3.0-or-later
// Izhikevich Explorer: wires the command line to the core and the window.
// An invocation that draws nothing (the CSV modes, exports, help) runs here
// with Qt Core alone; the window, PNG/SVG output and the UI benchmark run in
// the drawing module, loaded only for them (widgets_module.h). Headless
// drawing uses the offscreen platform, so nothing needs a display.
#include "cli/command_line.h"
#include "cli/exit_status.h"
#include "cli/run_command.h"
#include "cli/widgets_module.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLibrary>
#include <QTextStream>

namespace {

QStringList argumentsOf(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// Beside the executable in the build tree; lib/izhikevich-explorer/ when installed.
QStringList widgetsModuleCandidates() {
    const QString binDir = QFileInfo(QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath())
                               .absolutePath();
    return {binDir + "/" IZH_WIDGETS_MODULE,
            binDir + "/../lib/izhikevich-explorer/" IZH_WIDGETS_MODULE};
}

int runWithWidgets(int& argc, char** argv, const Invocation& invocation,
                   const QElapsedTimer& sinceStart, QTextStream& err) {
    const QStringList candidates = widgetsModuleCandidates();
    const std::string ownKey = widgetsAbiKey();
    QString failures;
    for (const QString& path : candidates) {
        if (!QFileInfo::exists(path))
            continue;
        QLibrary module(path);
        const auto entry = reinterpret_cast<WidgetsEntry>(module.resolve(kWidgetsEntryName));
        const auto key = reinterpret_cast<WidgetsAbiKey>(module.resolve(kWidgetsAbiKeyName));
        if (!entry || !key) {
            failures += "; " + module.errorString();
            continue;
        }
        if (const char* moduleKey = key(); moduleKey != ownKey) {
            failures += QString("; %1 belongs to another build (%2, not %3)")
                            .arg(path, moduleKey, QString::fromStdString(ownKey));
            continue;
        }
        return entry(argc, argv, invocation, sinceStart); // the module stays loaded
    }
    err << "error: widgets: cannot load the drawing module " IZH_WIDGETS_MODULE " (looked in "
        << candidates.join(", ") << failures << ")\n";
    return ExitOutputFailed;
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

    if (invocation.needsWidgets()) {
        // Drawing without a window (PNG/SVG, the UI benchmark) needs no display:
        // it uses the offscreen platform.
        if (invocation.mode != Invocation::Mode::Gui &&
            !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        return runWithWidgets(argc, argv, invocation, sinceStart, err);
    }
    QCoreApplication app(argc, argv);
    return runCommand(invocation, out, err, nullptr);
}
