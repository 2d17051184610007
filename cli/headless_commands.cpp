// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/headless_commands.h"

#include "cli/exit_status.h"
#include "core/analysis/spike_analysis.h"
#include "core/base/number_format.h"
#include "core/integrate/simulator.h"
#include "core/io/csv_format.h"
#include "core/presets/preset_library.h"
#include "ui/files/atomic_outputs.h"

namespace {

QString number(double value) { return QString::fromStdString(izh::formatNumber(value)); }

QString optionalNumber(const std::optional<double>& value) {
    return value ? number(*value) : QStringLiteral("none");
}

} // namespace

int listPresets(QTextStream& out) {
    for (const auto& preset : izh::presets())
        out << QString::fromStdString(preset.id) << '\t' << QString::fromStdString(preset.title)
            << '\n';
    return ExitDone;
}

int runSimulateCommand(const Invocation& invocation, QTextStream& out, QTextStream& err,
                       const ImageRenderers* renderers) {
    AtomicOutputs outputs;
    const std::pair<QString, QString> requested[] = {{"csv", invocation.csvPath},
                                                     {"spikes", invocation.spikesPath},
                                                     {"png", invocation.pngPath},
                                                     {"svg", invocation.svgPath}};
    for (const auto& [label, path] : requested) {
        if (!path.isEmpty() && !outputs.add(label, path)) {
            err << "error: " << outputs.error() << '\n';
            outputs.discard();
            return ExitOutputFailed;
        }
    }

    const auto& request = invocation.request;
    const bool keepTrace = !invocation.csvPath.isEmpty() || !invocation.pngPath.isEmpty() ||
                           !invocation.svgPath.isEmpty();
    auto simulated = std::make_shared<izh::Trajectory>();
    izh::Trajectory& trajectory = *simulated;
    trajectory.dt = request.settings.dt;
    if (!keepTrace) {
        izh::DiscardingSink sink;
        trajectory.outcome = izh::runSimulation(request, sink);
    } else {
        trajectory = izh::simulate(request);
    }
    const auto& outcome = trajectory.outcome;

    QString drawError; // why a plot could not be drawn, if it could not
    auto image = [&](ImageRenderers::Format format, const QString& label) {
        return [&, format, label](const AtomicOutputs::Writer& write) {
            QString error = "no drawing module"; // main loads it for --png and --svg
            const QByteArray bytes =
                renderers && renderers->trajectoryPlot
                    ? renderers->trajectoryPlot(request, simulated, format, &error)
                    : QByteArray();
            if (bytes.isEmpty()) {
                drawError = label + ": cannot draw the plot: " + error;
                return false;
            }
            return write(bytes.constData(), bytes.size());
        };
    };

    const bool written =
        outputs.write("csv", [&](const AtomicOutputs::Writer& write) {
            return izh::writeTrajectoryCsv(trajectory, chunkWriterFor(write));
        }) &&
        outputs.write("spikes", [&](const AtomicOutputs::Writer& write) {
            return izh::writeSpikesCsv(outcome.spikeTimes, chunkWriterFor(write));
        }) &&
        outputs.write("png", image(ImageRenderers::Format::Png, "png")) &&
        outputs.write("svg", image(ImageRenderers::Format::Svg, "svg")) &&
        outputs.commit();
    if (!written) {
        err << "error: " << (drawError.isEmpty() ? outputs.error() : drawError) << '\n';
        outputs.discard();
        return ExitOutputFailed;
    }

    const double simulatedMs = outcome.divergenceTime.value_or(request.settings.duration);
    const auto analysis = izh::analyseSpikeTrain(outcome.spikeTimes, simulatedMs,
                                                 request.protocol.onsetTime());
    out << "integrator=" << QString::fromStdString(std::string(izh::integratorId(request.settings.integrator)))
        << " dt_ms=" << number(request.settings.dt) << " duration_ms="
        << number(request.settings.duration) << '\n'
        << "spike_count=" << analysis.spikeCount << " rate_hz=" << number(analysis.meanRateHz)
        << " first_spike_ms=" << optionalNumber(analysis.firstSpike)
        << " cv_isi=" << optionalNumber(analysis.cvIsi) << " pattern="
        << QString::fromStdString(std::string(izh::firingPatternId(analysis.pattern))) << '\n';
    if (!invocation.csvPath.isEmpty())
        out << "trajectory written to " << invocation.csvPath << '\n';
    if (!invocation.spikesPath.isEmpty())
        out << "spike times written to " << invocation.spikesPath << '\n';
    if (!invocation.pngPath.isEmpty())
        out << "plot written to " << invocation.pngPath << '\n';
    if (!invocation.svgPath.isEmpty())
        out << "plot written to " << invocation.svgPath << '\n';
    if (outcome.diverged()) {
        err << "error: trajectory: diverged (left the finite range) at t = "
            << number(*outcome.divergenceTime) << " ms; only the valid part was written\n";
        return ExitDiverged;
    }
    return ExitDone;
}
