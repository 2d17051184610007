// SPDX-License-Identifier: GPL-3.0-or-later
// --sweep X=LO:HI:N --sweep Y=LO:HI:N [model options] --csv F [--png F]
// [--metric ID] [--threads N] (docs/command-line.md#--sweep): a two-parameter
// grid on the batch engine, written as the sweep CSV and, with --png, as the
// sweep window's heat map of one metric (a CSV column).
#include "cli/command_outputs.h"
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "core/base/invalid_input.h"
#include "core/base/number_format.h"
#include "core/io/sweep_csv.h"
#include "ui/files/png_encoding.h"
#include "ui/sweep/heat_map_view.h"
#include "ui/sweep/sweep_metric.h"

#include <QCommandLineParser>
#include <chrono>

using izh::InvalidInput;

namespace {

// The heat map's size: about square cells beside the key, 2× for print.
constexpr QSize kHeatMapSize(1200, 900);
constexpr qreal kHeatMapScale = 2.0;

void readSweepOptions(const QCommandLineParser& parser, Invocation& invocation) {
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
    if (invocation.csvPath.isEmpty())
        throw InvalidInput("csv", "--sweep needs --csv F (the grid's results)");
    if (parser.isSet("metric")) {
        const QString metric = parser.value("metric");
        if (!sweepMetricFromId(metric))
            throw InvalidInput("metric", "unknown metric '" + metric.toStdString() + "' (" +
                                             sweepMetricIds().join(", ").toStdString() + ")");
        if (invocation.pngPath.isEmpty())
            throw InvalidInput("metric", "chooses what --png of --sweep draws; give --png F");
        invocation.sweepMetric = metric;
    }
}

QByteArray heatMapPng(const izh::SweepResult& sweep, SweepMetric metric) {
    HeatMapView view;
    view.setMetric(metric);
    // The view only reads the result while drawing: no copy of the grid.
    view.setResult(std::shared_ptr<const izh::SweepResult>(&sweep, [](auto*) {}));
    return encodePng(view.render(kHeatMapSize, kHeatMapScale));
}

void printSummary(const Invocation& invocation, const izh::SweepResult& sweep, double seconds,
                  QTextStream& out) {
    const auto& request = invocation.request;
    const izh::SweepAxis& x = sweep.x;
    const izh::SweepAxis& y = sweep.y;
    std::size_t diverged = 0;
    for (const auto& cell : sweep.cells)
        diverged += cell.divergenceTime.has_value();
    const double cells = static_cast<double>(sweep.cells.size());
    const double neuronSteps = cells * static_cast<double>(request.settings.stepCount());
    auto number = [](double v) { return QString::fromStdString(izh::formatNumber(v)); };
    out << "sweep " << QString::fromStdString(x.name) << " x " << QString::fromStdString(y.name)
        << ": " << x.count << " x " << y.count << " cells, integrator="
        << QString::fromUtf8(izh::integratorId(request.settings.integrator).data())
        << " dt_ms=" << number(request.settings.dt)
        << " duration_ms=" << number(request.settings.duration) << '\n'
        << "elapsed_s=" << QString::number(seconds, 'g', 4)
        << " neuron_steps_per_s=" << QString::number(neuronSteps / seconds, 'g', 3)
        << " threads=" << sweep.batch.threadsUsed
        << " simd=" << izh::simdPathName(sweep.batch.simdUsed) << " diverged_cells=" << diverged
        << '\n'
        << "sweep written to " << invocation.csvPath << '\n';
    if (!invocation.pngPath.isEmpty())
        out << "heat map of " << invocation.sweepMetric << " written to " << invocation.pngPath
            << '\n';
}

int runSweep(const Invocation& invocation, Console& console) {
    const auto& request = invocation.request;
    const izh::SweepAxis& x = invocation.sweepAxes.at(0);
    const izh::SweepAxis& y = invocation.sweepAxes.at(1);
    izh::validateSweep(request, x, y); // InvalidInput: exit 2, nothing written

    CommandOutputs outputs(console.err);
    if (!outputs.open("csv", invocation.csvPath) || !outputs.open("png", invocation.pngPath))
        return ExitOutputFailed;
    izh::BatchOptions options;
    options.threads = invocation.sweepThreads;
    const auto start = std::chrono::steady_clock::now();
    const izh::SweepResult sweep = izh::runSweep(request, x, y, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    outputs.fill("csv", [&](const izh::ChunkWriter& write, QString&) {
        return izh::writeSweepCsv(sweep, write);
    });
    if (!invocation.pngPath.isEmpty()) {
        const QByteArray png = heatMapPng(
            sweep, sweepMetricFromId(invocation.sweepMetric).value_or(SweepMetric::SpikeCount));
        outputs.fill("png", [&](const izh::ChunkWriter& write, QString& reason) {
            if (png.isEmpty())
                reason = "cannot encode the heat map as PNG";
            return !png.isEmpty() && write(std::string_view(png.constData(), std::size_t(png.size())));
        });
    }
    if (const int status = outputs.commit(); status != ExitDone)
        return status;
    printSummary(invocation, sweep, seconds,
                 outputs.writesToStandardOutput() ? console.err : console.out);
    return ExitDone;
}

} // namespace

Command sweepCommand() {
    Command command{Invocation::Mode::Sweep, {"sweep"}, {"csv", "png"}};
    command.options = {
        QCommandLineOption("sweep",
                           "Sweep a parameter over N values from LO to HI (give twice: X, then "
                           "Y; N ≤ 1024). Any --set name except dt and duration.",
                           "NAME=LO:HI:N"),
        QCommandLineOption("threads", "Worker threads of --sweep (default: all cores).", "N"),
        QCommandLineOption("metric",
                           "What --png of --sweep shows: " + sweepMetricIds().join(", ") +
                               " (a column of the CSV; default " +
                               sweepMetricId(SweepMetric::SpikeCount) + ").",
                           "ID")};
    command.read = readSweepOptions;
    command.draws = [](const Invocation& invocation) { return !invocation.pngPath.isEmpty(); };
    command.run = runSweep;
    return command;
}
