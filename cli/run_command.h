// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/image_renderers.h"
#include "cli/invocation.h"
#include "core/base/invalid_input.h"

#include <QTextStream>

// Runs an invocation that opens no window: help, version, the preset list,
// --simulate, --sweep and the exports. Those that draw (--png, --svg) get
// their images from `renderers`, which only the drawing module supplies.
// Returns an ExitStatus; invalid input is reported as "error: NAME: reason".
int runCommand(const Invocation& invocation, QTextStream& out, QTextStream& err,
               const ImageRenderers* renderers);

void reportInvalid(QTextStream& err, const izh::InvalidInput& error);
