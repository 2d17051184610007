// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/csv_format.h"
#include "core/io/output_files.h"

#include <QByteArrayView>
#include <QString>
#include <QTextStream>
#include <functional>

// The files one command writes (docs/command-line.md#atomic-outputs): each
// opened before the work, so that an unwritable path fails at once; filled
// after it; committed together, or none at all (core/io/output_files.h). A
// failure is reported on `err` as "error: LABEL: cannot write 'PATH': reason"
// (or the fill's own reason, such as a plot that cannot be drawn), and the
// existing files stay as they were.
class CommandOutputs {
public:
    explicit CommandOutputs(QTextStream& err) : err_(err) {}

    // Opens `path` (as given on the command line) for the output `label`; an
    // empty path asks for nothing. False after reporting the problem.
    bool open(const QString& label, const QString& path);

    // Writes the output `label` (if it was opened) through `write`. A fill
    // that fails for a reason of its own sets `reason`.
    using Fill = std::function<bool(const izh::ChunkWriter& write, QString& reason)>;
    void fill(const QString& label, const Fill& fill);
    void fill(const QString& label, QByteArrayView bytes);

    // Commits every output, or none if anything failed: ExitDone, or
    // ExitOutputFailed after reporting.
    int commit();

    // Whether an output is standard output ("-"): the command's summary
    // then goes to standard error.
    bool writesToStandardOutput() const { return standardOutput_; }

private:
    QTextStream& err_;
    izh::OutputFiles files_;
    QString error_; // the first failure
    bool standardOutput_ = false;
};
