// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/files/atomic_outputs.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace {
constexpr qint64 kWritebackChunk = 1 << 20; // smaller writes are left to the kernel

// Asks the kernel to start writing the file's dirty pages now, without
// waiting for them: commit()'s fdatasync then waits only for what was written
// last, not for a whole sweep CSV (5 ms of 6 MB here). A hint; failure is harmless.
void startWriteback([[maybe_unused]] QSaveFile& file) {
#ifdef Q_OS_LINUX
    if (const int fd = file.handle(); fd >= 0 && file.flush())
        ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}
} // namespace

bool AtomicOutputs::add(const QString& label, const QString& path) {
    const QFileInfo info(path);
    if (const QFileInfo parent(info.absolutePath()); parent.exists() && !parent.isDir()) {
        error_ = label + ": cannot write '" + path + "': '" + info.absolutePath() +
                 "' is a file, not a folder";
        return false;
    }
    if (!info.absoluteDir().exists()) {
        error_ = label + ": cannot write '" + path + "': the folder '" +
                 info.absolutePath() + "' does not exist";
        return false;
    }
    if (info.isDir()) {
        error_ = label + ": cannot write '" + path + "': it is a folder";
        return false;
    }
    auto file = std::make_unique<QSaveFile>(path);
    if (!file->open(QIODevice::WriteOnly)) {
        error_ = label + ": cannot write '" + path + "': " + file->errorString();
        return false;
    }
    outputs_.push_back({label, std::move(file)});
    return true;
}

AtomicOutputs::Output* AtomicOutputs::find(const QString& label) {
    for (auto& output : outputs_)
        if (output.label == label)
            return &output;
    return nullptr;
}

bool AtomicOutputs::write(const QString& label, const std::function<bool(const Writer&)>& fill) {
    Output* output = find(label);
    if (!output)
        return true;
    QSaveFile& file = *output->file;
    const bool ok = fill([&file](const char* data, qint64 size) {
        if (file.write(data, size) != size)
            return false;
        if (size >= kWritebackChunk)
            startWriteback(file);
        return true;
    });
    if (!ok) {
        // A short write (disk full, file size limit) sets no error: Qt would say "Unknown error".
        const QString reason = file.error() == QFileDevice::NoError
                                   ? QStringLiteral("the disk is full or the file is too large")
                                   : file.errorString();
        error_ = label + ": cannot write '" + file.fileName() + "': " + reason;
        return false;
    }
    return true;
}

bool AtomicOutputs::commit() {
    // QSaveFile::commit() ignores a failure to flush its buffer (Qt 6.4): a
    // small output on a full disk would replace the old file, truncated. So
    // every output is flushed, and checked, before any is renamed into place.
    for (auto& output : outputs_) {
        if (!output.file->flush()) {
            error_ = output.label + ": cannot write '" + output.file->fileName() +
                     "': the disk is full or the file is too large";
            discard();
            return false;
        }
    }
    for (auto& output : outputs_) {
        if (!output.file->commit()) {
            error_ = output.label + ": cannot write '" + output.file->fileName() +
                     "': " + output.file->errorString();
            discard();
            return false;
        }
    }
    outputs_.clear();
    return true;
}

void AtomicOutputs::discard() {
    for (auto& output : outputs_)
        if (output.file->isOpen())
            output.file->cancelWriting();
    outputs_.clear();
}

izh::ChunkWriter chunkWriterFor(const AtomicOutputs::Writer& write) {
    return [&write](std::string_view text) {
        return write(text.data(), static_cast<qint64>(text.size()));
    };
}

bool writeFileAtomically(const QString& label, const QString& path,
                         const std::function<bool(const AtomicOutputs::Writer&)>& fill,
                         QString* error) {
    AtomicOutputs out;
    if (out.add(label, path) && out.write(label, fill) && out.commit())
        return true;
    if (error)
        *error = out.error();
    out.discard();
    return false;
}

bool writeFileAtomically(const QString& label, const QString& path, QByteArrayView bytes,
                         QString* error) {
    return writeFileAtomically(
        label, path,
        [bytes](const AtomicOutputs::Writer& write) {
            return write(bytes.data(), static_cast<qint64>(bytes.size()));
        },
        error);
}
