// Izhikevich Explorer: wires the command line to the core and, later, to the
// window. Headless modes never create a GUI application, so they need no display.
#include "command_line.h"
#include "exit_status.h"
#include "headless_commands.h"
#include "invalid_input.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>
#include <cstdio>

namespace {

QStringList argumentsOf(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// Until the explorer window exists, "open the explorer" runs the RS preset
// headlessly and says where its trajectory went.
int runStandIn(QTextStream& out, QTextStream& err) {
    Invocation rs = parseCommandLine({"izhikevich-explorer", "--simulate", "--preset", "RS",
                                      "--csv", "izhikevich-RS.csv", "--spikes",
                                      "izhikevich-RS-spikes.csv"});
    const int status = runSimulateCommand(rs, out, err);
    out << "(the explorer window comes with the next release; the RS run above is in "
        << QDir::current().absoluteFilePath("izhikevich-RS.csv") << ")\n";
    return status;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication::setApplicationName("izhikevich-explorer");
    QCoreApplication::setApplicationVersion(IZH_VERSION);
    QCoreApplication::setOrganizationName("izhikevich-explorer");
    QTextStream out(stdout), err(stderr);

    Invocation invocation;
    try {
        invocation = parseCommandLine(argumentsOf(argc, argv));
    } catch (const izh::InvalidInput& error) {
        err << "error: " << QString::fromStdString(error.field()) << ": "
            << QString::fromStdString(error.reason()) << '\n';
        return ExitInvalidInput;
    }
    for (const QString& warning : invocation.warnings)
        err << "warning: " << warning << '\n';

    QCoreApplication app(argc, argv);
    try {
        switch (invocation.mode) {
        case Invocation::Mode::Help: out << invocation.helpText; return ExitDone;
        case Invocation::Mode::Version:
            out << "izhikevich-explorer " << IZH_VERSION << '\n';
            return ExitDone;
        case Invocation::Mode::ListPresets: return listPresets(out);
        case Invocation::Mode::Simulate: return runSimulateCommand(invocation, out, err);
        case Invocation::Mode::Gui: return runStandIn(out, err);
        }
    } catch (const izh::InvalidInput& error) {
        err << "error: " << QString::fromStdString(error.field()) << ": "
            << QString::fromStdString(error.reason()) << '\n';
        return ExitInvalidInput;
    }
    return ExitDone;
}
