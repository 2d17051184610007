// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Exit statuses of docs/command-line.md#exit-status.
enum ExitStatus : int {
    ExitDone = 0,
    ExitOutputFailed = 1, // an output could not be written; nothing partial is left
    ExitInvalidInput = 2, // "error: NAME: reason" on stderr; nothing written
    ExitDiverged = 3,     // the valid part is written and the time reported
};
