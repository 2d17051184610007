// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/files/atomic_outputs.h"

#include "core/io/output_files.h"

#include <QFile>

bool writeFileAtomically(const QString& label, const QString& path,
                         const std::function<bool(const izh::ChunkWriter& write)>& fill,
                         QString* error) {
    izh::OutputFiles files;
    const std::string name = label.toStdString();
    const bool ok = files.open(name, QFile::encodeName(path).toStdString()) &&
                    fill([&](std::string_view bytes) { return files.write(name, bytes); }) &&
                    files.commit();
    if (!ok && error)
        *error = QString::fromStdString(files.error());
    return ok;
}

bool writeFileAtomically(const QString& label, const QString& path, QByteArrayView bytes,
                         QString* error) {
    return writeFileAtomically(
        label, path,
        [bytes](const izh::ChunkWriter& write) {
            return write(std::string_view(bytes.data(), std::size_t(bytes.size())));
        },
        error);
}
