// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/sweep_command.h"

#include "cli/exit_status.h"
#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/io/sweep_csv.h"
#include "ui/files/atomic_outputs.h"
#include "ui/sweep/sweep_metric.h"

#include <chrono>

using izh::InvalidInput;

QList<QCommandLineOption> sweepOptions() {
    return {QCommandLineOption("sweep",
                               "Sweep a parameter over N values from LO to HI (give twice: X, "
                               "then Y; N ≤ 1024). Any --set name except dt and duration.",
                               "NAME=LO:HI:N"),
            QCommandLineOption("threads", "Worker threads of --sweep (default: all cores).",
                               "N"),
            QCommandLineOption("metric",
                               "What --png of --sweep shows: " +
                                   sweepMetricIds().join(", ") +
                                   " (a column of the CSV; default " +
                                   sweepMetricId(SweepMetric::SpikeCount) + ").",
                               "ID")};
}

void applySweepOptions(const QCommandLineParser& parser, Invocation& invocation) {
    const bool sweep = parser.isSet("sweep");
    if (!sweep) {
        for (const char* option : {"threads", "metric"})
            if (parser.isSet(option))
                throw InvalidInput(option, "is an option of --sweep");
        return;
    }
    if (invocation.mode != Invocation::Mode::Gui)
        throw InvalidInput("command line", "--sweep excludes the other modes (--simulate, "
                                           "--list-presets, --figure2, exports, ...)");
    invocation.mode = Invocation::Mode::Sweep;
    const QStringList specs = parser.values("sweep");
    if (specs.size() != 2)
        throw InvalidInput("sweep", "give exactly two: --sweep X=LO:HI:N --sweep Y=LO:HI:N (got " +
                                        std::to_string(specs.size()) + ")");
    invocation.sweepAxes.clear();
    for (const QString& spec : specs)
        invocation.sweepAxes.push_back(izh::parseSweepAxis(spec.toStdString()));
    if (parser.isSet("threads")) {
        const QString text = parser.value("threads");
        bool ok = false;
        const uint threads = text.toUInt(&ok);
        if (!ok || threads < 1 || threads > 1024)
            throw InvalidInput("threads", "must be a whole number from 1 to 1024, not '" +
                                              text.toStdString() + "'");
        invocation.sweepThreads = threads;
    }
    if (!parser.isSet("csv") || parser.value("csv").isEmpty())
        throw InvalidInput("csv", "--sweep needs --csv F (the grid's results)");
    if (parser.isSet("metric")) {
        const QString metric = parser.value("metric");
        if (!sweepMetricFromId(metric))
            throw InvalidInput("metric", "unknown metric '" + metric.toStdString() + "' (" +
                                             sweepMetricIds().join(", ").toStdString() +
                                             ")");
        if (!parser.isSet("png"))
            throw InvalidInput("metric", "chooses what --png of --sweep draws; give --png F");
        invocation.sweepMetric = metric;
    }
    for (const char* other : {"spikes", "svg"})
        if (parser.isSet(other))
            throw InvalidInput(other, "is an output of --simulate, not of --sweep");
}

int runSweepCommand(const Invocation& invocation, QTextStream& out, QTextStream& err,
                    const ImageRenderers* renderers) {
    const auto& request = invocation.request;
    const izh::SweepAxis& x = invocation.sweepAxes.at(0);
    const izh::SweepAxis& y = invocation.sweepAxes.at(1);
    izh::validateSweep(request, x, y); // InvalidInput: exit 2, nothing written

    // Both outputs are opened before the grid runs: an unwritable path fails at once.
    AtomicOutputs outputs;
    const bool drawsMap = !invocation.pngPath.isEmpty();
    if (!outputs.add("csv", invocation.csvPath) ||
        (drawsMap && !outputs.add("png", invocation.pngPath))) {
        err << "error: " << outputs.error() << '\n';
        outputs.discard();
        return ExitOutputFailed;
    }
    izh::BatchOptions options;
    options.threads = invocation.sweepThreads;
    const auto start = std::chrono::steady_clock::now();
    const izh::SweepResult sweep = izh::runSweep(request, x, y, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    // main loads the drawing module for --png.
    const QByteArray png =
        drawsMap && renderers && renderers->heatMapPng
            ? renderers->heatMapPng(sweep, sweepMetricFromId(invocation.sweepMetric)
                                               .value_or(SweepMetric::SpikeCount))
            : QByteArray();
    if (drawsMap && png.isEmpty()) {
        err << "error: png: cannot encode the heat map as PNG\n";
        outputs.discard();
        return ExitOutputFailed;
    }
    const bool written = outputs.write("csv", [&](const AtomicOutputs::Writer& write) {
        return izh::writeSweepCsv(sweep, chunkWriterFor(write));
    }) && outputs.write("png", [&](const AtomicOutputs::Writer& write) {
        return write(png.constData(), png.size());
    }) && outputs.commit();
    if (!written) {
        err << "error: " << outputs.error() << '\n';
        outputs.discard();
        return ExitOutputFailed;
    }

    std::size_t diverged = 0;
    for (const auto& cell : sweep.cells)
        diverged += cell.divergenceTime.has_value();
    const double cells = static_cast<double>(sweep.cells.size());
    const double neuronSteps = cells * static_cast<double>(request.settings.stepCount());
    auto number = [](double v) { return QString::fromStdString(izh::formatNumber(v)); };
    out << "sweep " << QString::fromStdString(x.name) << " x " << QString::fromStdString(y.name)
        << ": " << x.count << " x " << y.count << " cells, integrator="
        << QString::fromStdString(std::string(izh::integratorId(request.settings.integrator)))
        << " dt_ms=" << number(request.settings.dt)
        << " duration_ms=" << number(request.settings.duration) << '\n'
        << "elapsed_s=" << QString::number(seconds, 'g', 4)
        << " neuron_steps_per_s=" << QString::number(neuronSteps / seconds, 'g', 3)
        << " threads=" << sweep.batch.threadsUsed
        << " simd=" << izh::simdPathName(sweep.batch.simdUsed) << " diverged_cells=" << diverged
        << '\n'
        << "sweep written to " << invocation.csvPath << '\n';
    if (drawsMap)
        out << "heat map of " << invocation.sweepMetric << " written to " << invocation.pngPath
            << '\n';
    return ExitDone;
}
