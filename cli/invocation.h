// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/parameter_sweep.h"
#include "core/model/simulation_request.h"

#include <QString>
#include <QStringList>
#include <optional>

// What the user asked for on the command line (docs/command-line.md), already checked:
// parseCommandLine throws izh::InvalidInput naming the option or parameter.
struct Invocation {
    enum class Mode { Gui, Help, Version, ListPresets, Simulate, BenchmarkUi, Gallery, Export, Sweep };
    Mode mode = Mode::Gui;
    QString helpText;

    izh::SimulationRequest request;
    QString presetId; // the last --preset given, if any
    QString paramsFile;
    QStringList warnings; // e.g. unknown fields in a parameter file

    QString csvPath;    // --csv
    QString spikesPath; // --spikes
    QString pngPath;    // --png
    QString svgPath;    // --svg
    QString galleryPath; // --figure2 / --features2004: the image to write
    bool galleryIs2004 = false;
    QString nestmlPath; // --export-nestml (export_command.h)
    QString pynestPath; // --export-pynest
    QString brian2Path; // --export-brian2

    std::vector<izh::SweepAxis> sweepAxes; // --sweep X, then Y (sweep_command.h)
    unsigned sweepThreads = 0;             // --threads; 0: all cores
    QString sweepMetric = "spike_count";   // --metric: the column --png of --sweep draws

    // Whether this invocation draws widgets (window, PNG/SVG, UI benchmark).
    bool needsWidgets() const {
        return mode == Mode::Gui || mode == Mode::BenchmarkUi || mode == Mode::Gallery ||
               !pngPath.isEmpty() || !svgPath.isEmpty();
    }
};
