// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/console.h"
#include "cli/invocation.h"

#include <QCommandLineOption>
#include <QList>
#include <QStringList>
#include <vector>

class QCommandLineParser;

// One command of the command line: the options that choose it, the options
// it owns, the outputs it writes, whether it draws, and what runs it. The
// parser and the dispatcher read nothing else (cli/command_line.h, main).
struct Command {
    Invocation::Mode mode;
    QStringList selectors; // the options that choose it; none: the window
    QStringList outputs;   // of --csv, --spikes, --png, --svg: those it writes
    QList<QCommandLineOption> options; // its own, selectors included
    // Reads and checks its own options into `invocation`, after the model
    // options; throws izh::InvalidInput. May be null.
    void (*read)(const QCommandLineParser& parser, Invocation& invocation) = nullptr;
    // Whether it draws with Qt's widgets: then it runs in a QApplication,
    // on the offscreen platform unless it opens the window.
    bool (*draws)(const Invocation& invocation) = nullptr;
    int (*run)(const Invocation& invocation, Console& console) = nullptr; // an ExitStatus
};

// Every command, in the order --help lists their options.
const std::vector<Command>& commands();
const Command& commandFor(Invocation::Mode mode);

// The rows, each defined beside what runs it.
Command windowCommand();      // window_command.cpp
Command listPresetsCommand(); // info_commands.cpp
Command helpCommand();
Command versionCommand();
Command simulateCommand(); // simulate_command.cpp
Command sweepCommand();    // sweep_command.cpp
Command exportCommand();   // export_command.cpp
Command galleryCommand();  // gallery_command.cpp
Command uiBenchmarkCommand(); // ui_benchmark_command.cpp
