// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace izh {

// The files one run writes (docs/command-line.md#atomic-outputs), all or
// none. Paths are bytes, as the user gave them.
//
// A regular file (new, or an existing one, also through a symbolic link) is
// written to a temporary file in its folder and put in place only by
// commit(): every output is written and flushed to the disk first, then
// they are swapped in one after another, and if one of those fails the
// others are swapped back, so existing files keep their contents. A device,
// a FIFO, a socket, or "-" (standard output) is written straight to, as the
// run produces it: there is nothing there to replace, and nothing to take
// back.
class OutputFiles {
public:
    OutputFiles();
    ~OutputFiles(); // discards what was not committed
    OutputFiles(const OutputFiles&) = delete;
    OutputFiles& operator=(const OutputFiles&) = delete;

    // Prepares the output `label` at `path` (a temporary file beside a
    // regular one; a device or FIFO is opened when first written). False,
    // with error() saying why, when it cannot be written: a missing folder,
    // a folder, no permission.
    bool open(const std::string& label, const std::string& path);

    // Appends `bytes` to the output `label` (nothing, and true, for a label
    // that was not opened). False after a failed write, with error() set.
    bool write(std::string_view label, std::string_view bytes);

    // Puts every output in place, or none; false with error() set.
    bool commit();
    void discard();

    // "LABEL: cannot write 'PATH': reason" for the first failure.
    const std::string& error() const { return error_; }

private:
    struct Output;
    Output* find(std::string_view label);
    bool fail(const Output& output, const std::string& reason);

    std::vector<std::unique_ptr<Output>> outputs_;
    std::string error_;
};

// Whether two paths name one file: the same canonical path, or the same
// device and inode where the files exist (hard links, links to folders).
bool sameFile(const std::string& a, const std::string& b);

} // namespace izh
