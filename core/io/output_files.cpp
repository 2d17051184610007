// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/output_files.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace izh {

namespace {

constexpr std::size_t kWritebackChunk = 1 << 20; // smaller writes are left to the kernel

std::string systemReason(int error) { return std::strerror(error); }

// Why a write or a flush failed, in words a user can act on.
std::string writeFailure(int error) {
    if (error == ENOSPC || error == EFBIG || error == EDQUOT)
        return "the disk is full or the file is too large (" + systemReason(error) + ")";
    return systemReason(error);
}

std::string folderOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string absolute(const std::string& path) {
    if (!path.empty() && path.front() == '/')
        return path;
    char cwd[PATH_MAX];
    return getcwd(cwd, sizeof cwd) ? std::string(cwd) + "/" + path : path;
}

// The path with every link resolved: the file itself if it exists, else
// its folder's real path and its name.
std::string canonical(const std::string& path) {
    if (char* real = realpath(path.c_str(), nullptr)) {
        std::string result(real);
        std::free(real);
        return result;
    }
    if (char* folder = realpath(folderOf(path).c_str(), nullptr)) {
        std::string result = std::string(folder) + "/" + nameOf(path);
        std::free(folder);
        return result;
    }
    return absolute(path);
}

bool writeAll(int fd, std::string_view bytes, int& error) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

int renameExchange(int dirFd, const std::string& from, const std::string& to, unsigned flags) {
    return ::renameat2(dirFd, from.c_str(), dirFd, to.c_str(), flags);
}

} // namespace

struct OutputFiles::Output {
    enum class Kind { Regular, Direct, StandardOutput };
    enum class Placed { No, Exchanged, Created, Replaced };

    std::string label, path; // as the user gave them
    Kind kind = Kind::Regular;
    std::string target;      // the file written: links resolved
    int dirFd = -1;          // the target's folder (regular files)
    std::string name;        // the target's name in it
    int fd = -1;             // the temporary file, or the device once opened
    std::string tempName;    // the temporary file's name in dirFd, once it has one
    bool existed = false;
    std::size_t sinceWriteback = 0;
    Placed placed = Placed::No;

    ~Output() {
        if (fd >= 0 && kind != Kind::StandardOutput)
            ::close(fd);
        if (!tempName.empty() && placed != Placed::Created && placed != Placed::Replaced)
            ::unlinkat(dirFd, tempName.c_str(), 0);
        if (dirFd >= 0)
            ::close(dirFd);
    }
};

OutputFiles::OutputFiles() = default;
OutputFiles::~OutputFiles() { discard(); }

bool OutputFiles::fail(const Output& output, const std::string& reason) {
    if (error_.empty())
        error_ = output.label + ": cannot write '" + output.path + "': " + reason;
    return false;
}

OutputFiles::Output* OutputFiles::find(std::string_view label) {
    for (auto& output : outputs_)
        if (output->label == label)
            return output.get();
    return nullptr;
}

bool OutputFiles::open(const std::string& label, const std::string& path) {
    auto output = std::make_unique<Output>();
    output->label = label;
    output->path = path;
    Output& o = *output;
    if (path == "-") {
        o.kind = Output::Kind::StandardOutput;
        o.fd = STDOUT_FILENO;
        outputs_.push_back(std::move(output));
        return true;
    }
    o.target = canonical(path);
    struct stat info {};
    if (::stat(o.target.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode))
            return fail(o, "it is a folder");
        if (!S_ISREG(info.st_mode)) { // a device, a FIFO, a socket: written straight to
            o.kind = Output::Kind::Direct;
            if (::access(o.target.c_str(), W_OK) != 0)
                return fail(o, systemReason(errno));
            outputs_.push_back(std::move(output));
            return true;
        }
        o.existed = true;
    }
    const std::string folder = folderOf(o.target);
    struct stat folderInfo {};
    if (::stat(folder.c_str(), &folderInfo) != 0)
        return fail(o, errno == ENOENT ? "the folder '" + folder + "' does not exist"
                                       : systemReason(errno));
    if (!S_ISDIR(folderInfo.st_mode))
        return fail(o, "'" + folder + "' is a file, not a folder");
    o.dirFd = ::open(folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (o.dirFd < 0)
        return fail(o, systemReason(errno));
    o.name = nameOf(o.target);
    const mode_t mode = o.existed ? (info.st_mode & 07777) : 0666;
    // An unnamed file, given a name only at commit: nothing is left behind if
    // the program is killed. A named one where the file system has none.
    o.fd = ::openat(o.dirFd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    if (o.fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        std::random_device seed;
        for (int attempt = 0; attempt < 100 && o.fd < 0; ++attempt) {
            o.tempName = "." + o.name + ".izh-" + std::to_string(seed());
            o.fd = ::openat(o.dirFd, o.tempName.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
                            mode);
            if (o.fd < 0 && errno != EEXIST)
                break;
        }
        if (o.fd < 0)
            o.tempName.clear();
    }
    if (o.fd < 0)
        return fail(o, systemReason(errno));
    if (o.existed)
        ::fchmod(o.fd, mode); // the umask does not narrow what the file had
    outputs_.push_back(std::move(output));
    return true;
}

bool OutputFiles::write(std::string_view label, std::string_view bytes) {
    Output* o = find(label);
    if (!o)
        return true;
    if (o->kind == Output::Kind::Direct && o->fd < 0) {
        // Opened now, not at open(): a FIFO's writer waits for a reader.
        o->fd = ::open(o->target.c_str(), O_WRONLY | O_CLOEXEC);
        if (o->fd < 0)
            return fail(*o, systemReason(errno));
    }
    int error = 0;
    if (!writeAll(o->fd, bytes, error))
        return fail(*o, writeFailure(error));
    if (o->kind == Output::Kind::Regular) {
        // Starts writing back large files as they grow, so that commit's
        // flush waits only for the last part (a hint; failure is harmless).
        o->sinceWriteback += bytes.size();
        if (o->sinceWriteback >= kWritebackChunk) {
            ::sync_file_range(o->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
            o->sinceWriteback = 0;
        }
    }
    return true;
}

bool OutputFiles::commit() {
    if (!error_.empty())
        return false;
    // 1. Every file on the disk under a temporary name.
    for (auto& output : outputs_) {
        Output& o = *output;
        if (o.kind != Output::Kind::Regular)
            continue;
        if (::fdatasync(o.fd) != 0)
            return fail(o, writeFailure(errno));
        if (!o.tempName.empty())
            continue;
        const std::string self = "/proc/self/fd/" + std::to_string(o.fd);
        std::random_device seed;
        for (int attempt = 0; attempt < 100; ++attempt) {
            o.tempName = "." + o.name + ".izh-" + std::to_string(seed());
            if (::linkat(AT_FDCWD, self.c_str(), o.dirFd, o.tempName.c_str(), AT_SYMLINK_FOLLOW) == 0)
                break;
            if (errno == ENOENT && // no /proc: the same by the descriptor itself
                ::linkat(o.fd, "", o.dirFd, o.tempName.c_str(), AT_EMPTY_PATH) == 0)
                break;
            const int error = errno;
            o.tempName.clear();
            if (error != EEXIST)
                return fail(o, systemReason(error));
        }
        if (o.tempName.empty())
            return fail(o, "no free temporary name in its folder");
    }
    // 2. Swapped in one after another; on a failure, the ones already in
    // place are swapped back.
    for (auto& output : outputs_) {
        Output& o = *output;
        if (o.kind != Output::Kind::Regular)
            continue;
        // Only a regular file is replaced: not a folder or a device put there
        // since open().
        struct stat now {};
        const bool present = ::fstatat(o.dirFd, o.name.c_str(), &now, 0) == 0;
        int result = -1;
        if (present && !S_ISREG(now.st_mode))
            errno = EISDIR;
        else
            result = renameExchange(o.dirFd, o.tempName, o.name, RENAME_EXCHANGE);
        if (result == 0) {
            o.placed = Output::Placed::Exchanged;
            continue;
        }
        if (result != 0 && errno == ENOENT)
            result = renameExchange(o.dirFd, o.tempName, o.name, RENAME_NOREPLACE);
        if (result == 0) {
            o.placed = Output::Placed::Created;
            continue;
        }
        if (result != 0 && (errno == EINVAL || errno == ENOSYS)) // no renameat2: a plain rename
            result = ::renameat(o.dirFd, o.tempName.c_str(), o.dirFd, o.name.c_str());
        if (result == 0) {
            o.placed = Output::Placed::Replaced;
            continue;
        }
        const std::string reason = present && !S_ISREG(now.st_mode)
                                       ? "something other than a file is there now"
                                       : systemReason(errno);
        for (auto& earlier : outputs_) {
            if (earlier.get() == &o)
                break;
            if (earlier->placed == Output::Placed::Exchanged)
                renameExchange(earlier->dirFd, earlier->tempName, earlier->name, RENAME_EXCHANGE);
            else if (earlier->placed == Output::Placed::Created)
                ::renameat(earlier->dirFd, earlier->name.c_str(), earlier->dirFd,
                           earlier->tempName.c_str());
            earlier->placed = Output::Placed::No;
        }
        return fail(o, reason);
    }
    // 3. The old contents, now under the temporary names, go.
    outputs_.clear();
    return true;
}

void OutputFiles::discard() {
    for (auto& output : outputs_)
        output->placed = Output::Placed::No;
    outputs_.clear(); // closes the files and removes the temporary names
}

bool sameFile(const std::string& a, const std::string& b) {
    if (a == "-" || b == "-")
        return a == b;
    if (canonical(a) == canonical(b))
        return true;
    struct stat first {}, second {};
    return ::stat(a.c_str(), &first) == 0 && ::stat(b.c_str(), &second) == 0 &&
           first.st_dev == second.st_dev && first.st_ino == second.st_ino;
}

} // namespace izh
