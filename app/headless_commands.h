#pragma once

#include "command_line.h"

#include <QTextStream>

// The commands that need no display (SPEC §6). Each returns an ExitStatus and
// prints errors as "error: NAME: reason" to `err`.
int listPresets(QTextStream& out);
int runSimulateCommand(const Invocation& invocation, QTextStream& out, QTextStream& err);

// --figure2 / --features2004: the published figure's panels in one PNG.
int runGalleryCommand(const Invocation& invocation, QTextStream& out, QTextStream& err);
