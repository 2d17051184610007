// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QTextStream>

// Where a command speaks: its results to `out`, errors and warnings to
// `err`; and when the program started (the window reports its first paint).
struct Console {
    QTextStream& out;
    QTextStream& err;
    QElapsedTimer sinceStart;
};
