// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/invocation.h"

#include <QElapsedTimer>
#include <string>

// The drawing module (libizhikevich-explorer-widgets.so): the window, PNG and
// SVG output, the galleries and the UI benchmark, everything that needs Qt's
// GUI libraries. main loads it only for an invocation that draws
// (Invocation::needsWidgets), so a headless sweep or simulation starts
// without loading some forty GUI libraries (~7 ms of every run).
//
// Its one entry point creates the QApplication and runs the invocation;
// returns an ExitStatus.
using WidgetsEntry = int (*)(int& argc, char** argv, const Invocation& invocation,
                             const QElapsedTimer& sinceStart);
inline constexpr char kWidgetsEntryName[] = "izhRunWithWidgets";

// What the executable and the module must share to pass an Invocation: the
// version and the sizes of what crosses. main compares the module's key with
// its own and refuses a module of another build (a stale or mixed install).
inline std::string widgetsAbiKey() {
    return std::string(IZH_VERSION) + '/' + std::to_string(sizeof(Invocation)) + '/' +
           std::to_string(sizeof(izh::SimulationRequest));
}
using WidgetsAbiKey = const char* (*)();
inline constexpr char kWidgetsAbiKeyName[] = "izhWidgetsAbiKey";
