// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/image_renderers.h"
#include "cli/invocation.h"

#include <QTextStream>

// The commands that need no display (docs/command-line.md). Each returns an ExitStatus and
// prints errors as "error: NAME: reason" to `err`.
int listPresets(QTextStream& out);
// --simulate; --png and --svg need `renderers` (see image_renderers.h).
int runSimulateCommand(const Invocation& invocation, QTextStream& out, QTextStream& err,
                       const ImageRenderers* renderers);
