// SPDX-License-Identifier: GPL-3.0-or-later
// --simulate [model options] [--csv F] [--spikes F] [--png F] [--svg F]
// (docs/command-line.md#--simulate): one run, a summary on standard output,
// the trajectory, the spike times and the window's plot as files.
#include "cli/command_outputs.h"
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "core/analysis/spike_analysis.h"
#include "core/base/number_format.h"
#include "core/integrate/simulator.h"
#include "core/io/csv_format.h"
#include "ui/controller/simulation_result.h"
#include "ui/plots/plot_export.h"

namespace {

QString number(double value) { return QString::fromStdString(izh::formatNumber(value)); }

QString optionalNumber(const std::optional<double>& value) {
    return value ? number(*value) : QStringLiteral("none");
}

void printSummary(const Invocation& invocation, const izh::RunOutcome& outcome, QTextStream& out) {
    const auto& request = invocation.request;
    const double simulatedMs = outcome.divergenceTime.value_or(request.settings.duration);
    const auto analysis = izh::analyseSpikeTrain(outcome.spikeTimes, simulatedMs,
                                                 request.protocol.onsetTime());
    out << "integrator="
        << QString::fromUtf8(izh::integratorId(request.settings.integrator).data())
        << " dt_ms=" << number(request.settings.dt)
        << " duration_ms=" << number(request.settings.duration) << '\n'
        << "spike_count=" << analysis.spikeCount << " rate_hz=" << number(analysis.meanRateHz)
        << " first_spike_ms=" << optionalNumber(analysis.firstSpike)
        << " cv_isi=" << optionalNumber(analysis.cvIsi) << " pattern="
        << QString::fromUtf8(izh::firingPatternId(analysis.pattern).data()) << '\n';
    const std::pair<const QString*, const char*> written[] = {
        {&invocation.csvPath, "trajectory"},
        {&invocation.spikesPath, "spike times"},
        {&invocation.pngPath, "plot"},
        {&invocation.svgPath, "plot"}};
    for (const auto& [path, what] : written)
        if (!path->isEmpty())
            out << what << " written to " << *path << '\n';
}

int runSimulate(const Invocation& invocation, Console& console) {
    CommandOutputs outputs(console.err);
    if (!outputs.open("csv", invocation.csvPath) ||
        !outputs.open("spikes", invocation.spikesPath) ||
        !outputs.open("png", invocation.pngPath) || !outputs.open("svg", invocation.svgPath))
        return ExitOutputFailed;

    const auto& request = invocation.request;
    const bool draws = !invocation.pngPath.isEmpty() || !invocation.svgPath.isEmpty();
    auto trajectory = std::make_shared<izh::Trajectory>();
    trajectory->dt = request.settings.dt;
    if (invocation.csvPath.isEmpty() && !draws) {
        izh::DiscardingSink sink;
        trajectory->outcome = izh::runSimulation(request, sink);
    } else {
        *trajectory = izh::simulate(request);
    }
    const auto& outcome = trajectory->outcome;

    outputs.fill("csv", [&](const izh::ChunkWriter& write, QString&) {
        return izh::writeTrajectoryCsv(*trajectory, write);
    });
    outputs.fill("spikes", [&](const izh::ChunkWriter& write, QString&) {
        return izh::writeSpikesCsv(outcome.spikeTimes, write);
    });
    if (draws) {
        // The window's plot at 1600×1000 logical pixels; the PNG at 2×.
        const auto plotted = assembleResult(0, request, trajectory, 0, {});
        auto image = [&](bool png) {
            return [&, png](const izh::ChunkWriter& write, QString& reason) {
                PlotImageOptions options;
                options.scale = png ? 2.0 : 1.0;
                QString error;
                const QByteArray bytes = png ? renderResultPng(plotted, options, &error)
                                             : renderResultSvg(plotted, options, &error);
                if (bytes.isEmpty()) {
                    reason = "cannot draw the plot: " + error;
                    return false;
                }
                return write(std::string_view(bytes.constData(), std::size_t(bytes.size())));
            };
        };
        outputs.fill("png", image(true));
        outputs.fill("svg", image(false));
    }
    if (const int status = outputs.commit(); status != ExitDone)
        return status;

    // With an output on standard output ("-"), the summary goes to standard error.
    printSummary(invocation, outcome,
                 outputs.writesToStandardOutput() ? console.err : console.out);
    if (outcome.diverged()) {
        console.err << "error: trajectory: diverged (left the finite range) at t = "
                    << number(*outcome.divergenceTime) << " ms; only the valid part was written\n";
        return ExitDiverged;
    }
    return ExitDone;
}

} // namespace

Command simulateCommand() {
    Command command{Invocation::Mode::Simulate, {"simulate"}, {"csv", "spikes", "png", "svg"}};
    command.options = {QCommandLineOption("simulate", "Run one simulation headlessly.")};
    command.draws = [](const Invocation& invocation) {
        return !invocation.pngPath.isEmpty() || !invocation.svgPath.isEmpty();
    };
    command.run = runSimulate;
    return command;
}
