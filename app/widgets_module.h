#pragma once

#include "command_line.h"

#include <QElapsedTimer>

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
