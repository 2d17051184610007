// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/csv_format.h"

#include <QByteArrayView>
#include <QSaveFile>
#include <QString>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

// Several output files that appear together or not at all. Each is written
// to a temporary file beside its target (QSaveFile); commit() renames them
// into place only once all were written, so a failure leaves every existing
// file untouched and no partial file behind.
class AtomicOutputs {
public:
    // Opens the temporary file for `path` now, so an unwritable location is
    // found before any long computation. Returns false with error() set.
    bool add(const QString& label, const QString& path);

    // Runs `fill` for the output `label`; `fill` gets a writer that returns
    // false once writing failed.
    using Writer = std::function<bool(const char* data, qint64 size)>;
    bool write(const QString& label, const std::function<bool(const Writer&)>& fill);

    bool commit();
    void discard();
    QString error() const { return error_; }

private:
    struct Output {
        QString label;
        std::unique_ptr<QSaveFile> file;
    };
    Output* find(const QString& label);

    std::vector<Output> outputs_;
    QString error_;
};

// A core writer (csv_format.h's ChunkWriter) over an AtomicOutputs writer.
izh::ChunkWriter chunkWriterFor(const AtomicOutputs::Writer& write);

// One file written atomically: `fill` writes its contents. On failure returns
// false with `error` naming the problem; nothing is left behind.
bool writeFileAtomically(const QString& label, const QString& path,
                         const std::function<bool(const AtomicOutputs::Writer&)>& fill,
                         QString* error);
bool writeFileAtomically(const QString& label, const QString& path, QByteArrayView bytes,
                         QString* error);
