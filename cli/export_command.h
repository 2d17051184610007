// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/invocation.h"

#include <QCommandLineOption>
#include <QList>
#include <QTextStream>

class QCommandLineParser;

// --export-nestml F, --export-pynest F, --export-brian2 F (docs/command-line.md, issue 5):
// a headless mode of its own, with any model options; the three may be given
// together. The texts come from core/export/model_export.h.

// The three options, for parseCommandLine to add to its parser.
QList<QCommandLineOption> exportOptions();

// Sets Mode::Export and the paths when an export option was given. Throws
// InvalidInput when another mode was chosen too, a file name is empty or two
// exports name the same file.
void applyExportOptions(const QCommandLineParser& parser, Invocation& invocation);

// Writes the requested exports atomically (all or none); returns an ExitStatus.
int runExportCommand(const Invocation& invocation, QTextStream& out, QTextStream& err);
