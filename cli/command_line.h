// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/console.h"
#include "cli/invocation.h"
#include "core/base/invalid_input.h"

#include <QStringList>

// The command line (docs/command-line.md), parsed and run in one place from
// the table of commands (cli/command_table.h).

// What `arguments` (argv, the program first) ask for, checked; throws
// izh::InvalidInput naming the option, parameter or file at fault.
Invocation parseCommandLine(const QStringList& arguments);

// Whether the invocation draws with Qt's widgets: it then needs a
// QApplication (a QCoreApplication serves the others).
bool drawsWidgets(const Invocation& invocation);

// Runs the invocation's command; returns its ExitStatus. Invalid input found
// while running is reported as "error: …" with ExitInvalidInput.
int runInvocation(const Invocation& invocation, Console& console);

void reportInvalid(QTextStream& err, const izh::InvalidInput& error);
