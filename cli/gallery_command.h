// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/invocation.h"

#include <QTextStream>

// --figure2 / --features2004: the published figure's panels in one PNG
// (drawn by the gallery view, so it runs in the drawing module). Returns an
// ExitStatus.
int runGalleryCommand(const Invocation& invocation, QTextStream& out, QTextStream& err);
