// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/parameter_sweep.h"
#include "core/model/simulation_request.h"

#include <QString>
#include <QStringList>
#include <vector>

// What the user asked for on the command line (docs/command-line.md), already
// checked: parseCommandLine throws izh::InvalidInput naming the option or
// parameter. Which command runs it: cli/command_table.h.
struct Invocation {
    enum class Mode { Window, Help, Version, ListPresets, Simulate, Sweep, Export, Gallery, BenchmarkUi };
    Mode mode = Mode::Window;
    QString helpText;

    izh::SimulationRequest request;
    QString presetId;   // the last --preset given, if any
    QString paramsFile; // the last --params or FILE.json
    QStringList warnings; // e.g. unknown fields in a parameter file

    QString csvPath;    // --csv
    QString spikesPath; // --spikes
    QString pngPath;    // --png
    QString svgPath;    // --svg
    QString figure2Path;      // --figure2
    QString features2004Path; // --features2004
    QString nestmlPath; // --export-nestml
    QString pynestPath; // --export-pynest
    QString brian2Path; // --export-brian2

    std::vector<izh::SweepAxis> sweepAxes; // --sweep X, then Y
    unsigned sweepThreads = 0;             // --threads; 0: all cores
    QString sweepMetric = "spike_count";   // --metric: the column --png of --sweep draws
};
