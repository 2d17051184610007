// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command_outputs.h"

#include "cli/exit_status.h"

bool CommandOutputs::open(const QString& label, const QString& path) {
    if (path.isEmpty())
        return true;
    if (files_.add(label, path))
        return true;
    err_ << "error: " << files_.error() << '\n';
    files_.discard();
    return false;
}

void CommandOutputs::fill(const QString& label, const Fill& fill) {
    if (!error_.isEmpty())
        return;
    QString reason;
    const bool written = files_.write(label, [&](const AtomicOutputs::Writer& write) {
        return fill(write, reason);
    });
    if (!written)
        error_ = reason.isEmpty() ? files_.error() : label + ": " + reason;
}

void CommandOutputs::fill(const QString& label, QByteArrayView bytes) {
    fill(label, [bytes](const AtomicOutputs::Writer& write, QString&) {
        return write(bytes.data(), bytes.size());
    });
}

int CommandOutputs::commit() {
    if (error_.isEmpty() && !files_.commit())
        error_ = files_.error();
    if (error_.isEmpty())
        return ExitDone;
    err_ << "error: " << error_ << '\n';
    files_.discard();
    return ExitOutputFailed;
}
