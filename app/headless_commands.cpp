#include "headless_commands.h"

#include "atomic_outputs.h"
#include "csv_format.h"
#include "exit_status.h"
#include "number_format.h"
#include "preset_library.h"
#include "simulator.h"
#include "spike_analysis.h"

namespace {

QString number(double value) { return QString::fromStdString(izh::formatNumber(value)); }

QString optionalNumber(const std::optional<double>& value) {
    return value ? number(*value) : QStringLiteral("none");
}

izh::ChunkWriter toWriter(const AtomicOutputs::Writer& write) {
    return [&write](std::string_view text) {
        return write(text.data(), static_cast<qint64>(text.size()));
    };
}

} // namespace

int listPresets(QTextStream& out) {
    for (const auto& preset : izh::presets())
        out << QString::fromStdString(preset.id) << '\t' << QString::fromStdString(preset.title)
            << '\n';
    return ExitDone;
}

int runSimulateCommand(const Invocation& invocation, QTextStream& out, QTextStream& err) {
    AtomicOutputs outputs;
    if ((!invocation.csvPath.isEmpty() && !outputs.add("csv", invocation.csvPath)) ||
        (!invocation.spikesPath.isEmpty() && !outputs.add("spikes", invocation.spikesPath))) {
        err << "error: " << outputs.error() << '\n';
        outputs.discard();
        return ExitOutputFailed;
    }

    const auto& request = invocation.request;
    izh::Trajectory trajectory;
    trajectory.dt = request.settings.dt;
    if (invocation.csvPath.isEmpty()) {
        izh::DiscardingSink sink;
        trajectory.outcome = izh::runSimulation(request, sink);
    } else {
        trajectory = izh::simulate(request);
    }
    const auto& outcome = trajectory.outcome;

    const bool written =
        outputs.write("csv", [&](const AtomicOutputs::Writer& write) {
            return izh::writeTrajectoryCsv(trajectory, toWriter(write));
        }) &&
        outputs.write("spikes", [&](const AtomicOutputs::Writer& write) {
            return izh::writeSpikesCsv(outcome.spikeTimes, toWriter(write));
        }) &&
        outputs.commit();
    if (!written) {
        err << "error: " << outputs.error() << '\n';
        outputs.discard();
        return ExitOutputFailed;
    }

    const double simulated = outcome.divergenceTime.value_or(request.settings.duration);
    const auto analysis = izh::analyseSpikeTrain(outcome.spikeTimes, simulated,
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
    if (outcome.diverged()) {
        err << "error: trajectory: diverged (left the finite range) at t = "
            << number(*outcome.divergenceTime) << " ms; only the valid part was written\n";
        return ExitDiverged;
    }
    return ExitDone;
}
