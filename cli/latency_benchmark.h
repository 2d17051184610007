// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTextStream>

// --benchmark-ui: drives the real main window on the offscreen platform. It
// moves the a slider through 200 values for a 10⁴-step run (1 000 ms at
// dt 0.1, euler) and a 10⁶-step run (dt 0.001), timing each move from the
// slider's value change to the end of the repaint that shows its result, and
// prints  ui_latency steps=N p50_ms=X p95_ms=Y  for each.
int runUiBenchmark(QTextStream& out);
