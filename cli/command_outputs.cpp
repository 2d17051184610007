// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command_outputs.h"

#include "cli/arguments.h"
#include "cli/exit_status.h"

bool CommandOutputs::open(const QString& label, const QString& path) {
    if (path.isEmpty())
        return true;
    standardOutput_ = standardOutput_ || path == "-";
    if (files_.open(label.toStdString(), encodePath(path)))
        return true;
    err_ << "error: " << QString::fromStdString(files_.error()) << '\n';
    files_.discard();
    return false;
}

void CommandOutputs::fill(const QString& label, const Fill& fill) {
    if (!error_.isEmpty())
        return;
    const std::string name = label.toStdString();
    QString reason;
    const bool written = fill(
        [&](std::string_view bytes) { return files_.write(name, bytes); }, reason);
    if (!written)
        error_ = reason.isEmpty() ? QString::fromStdString(files_.error()) : label + ": " + reason;
}

void CommandOutputs::fill(const QString& label, QByteArrayView bytes) {
    fill(label, [bytes](const izh::ChunkWriter& write, QString&) {
        return write(std::string_view(bytes.data(), std::size_t(bytes.size())));
    });
}

int CommandOutputs::commit() {
    if (error_.isEmpty() && !files_.commit())
        error_ = QString::fromStdString(files_.error());
    if (error_.isEmpty())
        return ExitDone;
    err_ << "error: " << error_ << '\n';
    files_.discard();
    return ExitOutputFailed;
}
