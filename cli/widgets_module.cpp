// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/widgets_module.h"

#include "cli/exit_status.h"
#include "cli/gallery_command.h"
#include "cli/latency_benchmark.h"
#include "cli/run_command.h"
#include "ui/controller/simulation_result.h"
#include "ui/files/png_encoding.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_panel.h"
#include "ui/sweep/heat_map_view.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QImage>
#include <QTextStream>
#include <utility>

namespace {

// The size of --png of --sweep: about square cells beside the key, 2× for print.
constexpr QSize kHeatMapSize(1200, 900);
constexpr qreal kHeatMapScale = 2.0;

// The run's plot as PNG or SVG; assembled once for --png and --svg together.
class TrajectoryPlotter {
public:
    QByteArray operator()(const izh::SimulationRequest& request,
                          const std::shared_ptr<const izh::Trajectory>& trajectory,
                          ImageRenderers::Format format, QString* error) {
        if (assembledFrom_ != trajectory) {
            plotted_ = assembleResult(0, request, trajectory, 0, {});
            assembledFrom_ = trajectory;
        }
        if (format == ImageRenderers::Format::Png)
            return renderResultPng(plotted_, {}, error);
        PlotImageOptions svgOptions;
        svgOptions.scale = 1.0;
        return renderResultSvg(plotted_, svgOptions, error);
    }

private:
    std::shared_ptr<const izh::Trajectory> assembledFrom_;
    std::shared_ptr<const SimulationResult> plotted_;
};

QByteArray heatMapPng(const izh::SweepResult& sweep, SweepMetric metric) {
    HeatMapView view;
    view.setMetric(metric);
    // The view only reads the result while drawing: no copy of the grid.
    view.setResult(std::shared_ptr<const izh::SweepResult>(&sweep, [](auto*) {}));
    return encodePng(view.render(kHeatMapSize, kHeatMapScale));
}

int runExplorer(const Invocation& invocation, const QElapsedTimer& sinceStart) {
    MainWindow window;
    // IZH_TRACE_STARTUP=1 reports the time from start to the first painted
    // plot (the docs/performance.md#budgets budget of 1 s), e.g. under xvfb-run.
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

extern "C" Q_DECL_EXPORT const char* izhWidgetsAbiKey() {
    static_assert(std::is_same_v<decltype(&izhWidgetsAbiKey), WidgetsAbiKey>);
    static const std::string key = widgetsAbiKey();
    return key.c_str();
}

extern "C" Q_DECL_EXPORT int izhRunWithWidgets(int& argc, char** argv,
                                               const Invocation& invocation,
                                               const QElapsedTimer& sinceStart) {
    static_assert(std::is_same_v<decltype(&izhRunWithWidgets), WidgetsEntry>);
    QApplication app(argc, argv);
    QTextStream out(stdout), err(stderr);
    try {
        switch (invocation.mode) {
        case Invocation::Mode::Gui: return runExplorer(invocation, sinceStart);
        case Invocation::Mode::BenchmarkUi: return runUiBenchmark(out);
        case Invocation::Mode::Gallery: return runGalleryCommand(invocation, out, err);
        default: break;
        }
    } catch (const izh::InvalidInput& error) {
        reportInvalid(err, error);
        return ExitInvalidInput;
    }
    const ImageRenderers renderers{TrajectoryPlotter(), heatMapPng};
    return runCommand(invocation, out, err, &renderers);
}
