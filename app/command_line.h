#pragma once

#include "simulation_request.h"

#include <QString>
#include <QStringList>
#include <optional>

// What the user asked for on the command line (SPEC §6), already checked:
// parseCommandLine throws izh::InvalidInput naming the option or parameter.
struct Invocation {
    enum class Mode { Gui, Help, Version, ListPresets, Simulate, BenchmarkUi };
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

    // Whether this invocation draws widgets (window, PNG/SVG, UI benchmark).
    bool needsWidgets() const {
        return mode == Mode::Gui || mode == Mode::BenchmarkUi || !pngPath.isEmpty() ||
               !svgPath.isEmpty();
    }
};

Invocation parseCommandLine(const QStringList& arguments);
