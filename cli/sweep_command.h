// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/image_renderers.h"
#include "cli/invocation.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QTextStream>

// --sweep X=LO:HI:N --sweep Y=LO:HI:N [model options] --csv F [--png F]
// [--metric ID] [--threads N] (docs/command-line.md): a two-parameter grid run on the batch
// engine, written as the sweep CSV and, with --png, as the sweep window's heat
// map of one metric (a CSV column; spike_count unless --metric says otherwise).
QList<QCommandLineOption> sweepOptions();

// Reads --sweep and --threads into `invocation` (mode Sweep) and refuses what
// does not go with them; throws izh::InvalidInput naming the field.
void applySweepOptions(const QCommandLineParser& parser, Invocation& invocation);

// Runs the sweep and writes the CSV (and PNG, drawn by `renderers`)
// atomically: both or neither. Returns an ExitStatus; invalid grids throw
// izh::InvalidInput before anything is written.
int runSweepCommand(const Invocation& invocation, QTextStream& out, QTextStream& err,
                    const ImageRenderers* renderers);
