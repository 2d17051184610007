// Izhikevich Explorer: wires the command line to the core and the window.
// Headless modes create no GUI application; PNG/SVG output and the UI
// benchmark draw widgets on the offscreen platform, so nothing needs a display.
#include "command_line.h"
#include "exit_status.h"
#include "export_command.h"
#include "headless_commands.h"
#include "sweep_command.h"
#include "invalid_input.h"
#include "main_window.h"
#include "latency_benchmark.h"

#include "plot_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <memory>
#include <utility>

namespace {

QStringList argumentsOf(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

void reportInvalid(QTextStream& err, const izh::InvalidInput& error) {
    err << "error: " << QString::fromStdString(error.field()) << ": "
        << QString::fromStdString(error.reason()) << '\n';
}

int runExplorer(const Invocation& invocation, const QElapsedTimer& sinceStart) {
    MainWindow window;
    // IZH_TRACE_STARTUP=1 reports the time from start to the first painted
    // plot (the SPEC §8 budget of 1 s), e.g. under xvfb-run.
    if (qEnvironmentVariableIsSet("IZH_TRACE_STARTUP"))
        QObject::connect(window.plotPanel(), &PlotPanel::repainted, &window, [&sinceStart] {
            static bool reported = false;
            if (!std::exchange(reported, true))
                QTextStream(stderr) << "first_paint_ms=" << sinceStart.elapsed() << '\n';
        });
    window.resize(1600, 1000);
    window.restoreSettings();
    if (!invocation.presetId.isEmpty() || !invocation.paramsFile.isEmpty())
        window.loadRequest(invocation.request, invocation.presetId);
    window.show();
    return QApplication::exec();
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

    // Drawing without a window (PNG/SVG, the UI benchmark) needs no display:
    // it uses the offscreen platform.
    if (invocation.needsWidgets() && invocation.mode != Invocation::Mode::Gui &&
        !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (invocation.needsWidgets())
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);

    try {
        switch (invocation.mode) {
        case Invocation::Mode::Help: out << invocation.helpText; return ExitDone;
        case Invocation::Mode::Version:
            out << "izhikevich-explorer " << IZH_VERSION << '\n';
            return ExitDone;
        case Invocation::Mode::ListPresets: return listPresets(out);
        case Invocation::Mode::Simulate: return runSimulateCommand(invocation, out, err);
        case Invocation::Mode::Sweep: return runSweepCommand(invocation, out, err);
        case Invocation::Mode::BenchmarkUi: return runUiBenchmark(out);
        case Invocation::Mode::Gallery: return runGalleryCommand(invocation, out, err);
        case Invocation::Mode::Export: return runExportCommand(invocation, out, err);
        case Invocation::Mode::Gui: return runExplorer(invocation, sinceStart);
        }
    } catch (const izh::InvalidInput& error) {
        reportInvalid(err, error);
        return ExitInvalidInput;
    }
    return ExitDone;
}
