// SPDX-License-Identifier: GPL-3.0-or-later
// The files a run writes: regular files replaced atomically and together,
// devices and FIFOs written straight to and left what they are, links
// followed, and nothing left behind. Every file is made in a temporary
// folder; the device is a stand-in made with mknod, never the system's.
#include "core/io/output_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>
#include <unistd.h>

using izh::OutputFiles;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

std::string bytes(const QString& path) { return QFile::encodeName(path).toStdString(); }

// The names in `folder`, hidden ones (the temporary files) included.
QStringList entries(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                                  QDir::Name);
}

} // namespace

class TestOutputFiles : public QObject {
    Q_OBJECT

private slots:
    void init() { dir_ = std::make_unique<QTemporaryDir>(); }
    void cleanup() { dir_.reset(); }

    void aNewFileAppearsOnlyAtCommit() {
        const QString path = dir_->filePath("out.csv");
        OutputFiles files;
        QVERIFY(files.open("csv", bytes(path)));
        QVERIFY(files.write("csv", "t_ms\n"));
        QVERIFY(files.write("csv", "0\n"));
        QCOMPARE(entries(dir_->path()), QStringList()); // nothing named before the commit
        QVERIFY(files.commit());
        QCOMPARE(readAll(path), QByteArray("t_ms\n0\n"));
        QCOMPARE(entries(dir_->path()), QStringList{"out.csv"});
    }

    // An existing file keeps its contents until the commit, then has the new
    // ones, with its permissions.
    void anExistingFileIsReplacedWithItsPermissions() {
        const QString path = dir_->filePath("out.csv");
        QVERIFY(writeFile(path, "old\n"));
        QVERIFY(::chmod(bytes(path).c_str(), 0640) == 0);
        OutputFiles files;
        QVERIFY(files.open("csv", bytes(path)));
        QVERIFY(files.write("csv", "new\n"));
        QCOMPARE(readAll(path), QByteArray("old\n"));
        QVERIFY(files.commit());
        QCOMPARE(readAll(path), QByteArray("new\n"));
        struct stat info {};
        QVERIFY(::stat(bytes(path).c_str(), &info) == 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0640));
        QCOMPARE(entries(dir_->path()), QStringList{"out.csv"});
    }

    void discardedOutputsLeaveNothing() {
        const QString path = dir_->filePath("out.csv");
        QVERIFY(writeFile(path, "old\n"));
        {
            OutputFiles files;
            QVERIFY(files.open("csv", bytes(path)));
            QVERIFY(files.write("csv", "new\n"));
        } // destroyed without a commit
        QCOMPARE(readAll(path), QByteArray("old\n"));
        QCOMPARE(entries(dir_->path()), QStringList{"out.csv"});
    }

    // A link's target is written, and the link stays a link.
    void aLinkIsFollowed() {
        const QString target = dir_->filePath("real.csv"), link = dir_->filePath("link.csv");
        QVERIFY(writeFile(target, "old\n"));
        QVERIFY(QFile::link(target, link));
        OutputFiles files;
        QVERIFY(files.open("csv", bytes(link)));
        QVERIFY(files.write("csv", "new\n"));
        QVERIFY(files.commit());
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(target), QByteArray("new\n"));
    }

    // A FIFO is written to, not replaced: its reader gets the bytes.
    void aFifoIsWrittenStraightTo() {
        const QString fifo = dir_->filePath("pipe");
        QVERIFY(::mkfifo(bytes(fifo).c_str(), 0600) == 0);
        QByteArray received;
        std::thread reader([&] {
            QFile file(fifo);
            if (file.open(QIODevice::ReadOnly))
                received = file.readAll();
        });
        {
            OutputFiles files;
            QVERIFY(files.open("csv", bytes(fifo)));
            QVERIFY(files.write("csv", "through the pipe\n"));
            QVERIFY(files.commit());
        }
        reader.join();
        QCOMPARE(received, QByteArray("through the pipe\n"));
        struct stat info {};
        QVERIFY(::lstat(bytes(fifo).c_str(), &info) == 0);
        QVERIFY(S_ISFIFO(info.st_mode));
    }

    // A character device (a stand-in for /dev/null made here) stays one.
    void aDeviceStaysADevice() {
        const QString device = dir_->filePath("mynull");
        if (::mknod(bytes(device).c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0)
            QSKIP("mknod needs root here");
        OutputFiles files;
        QVERIFY(files.open("csv", bytes(device)));
        QVERIFY(files.write("csv", "discarded\n"));
        QVERIFY(files.commit());
        struct stat info {};
        QVERIFY(::lstat(bytes(device).c_str(), &info) == 0);
        QVERIFY(S_ISCHR(info.st_mode));
        QCOMPARE(entries(dir_->path()), QStringList{"mynull"});
    }

    // "-" is standard output.
    void aDashIsStandardOutput() {
        const QString captured = dir_->filePath("stdout");
        const int saved = ::dup(STDOUT_FILENO);
        const int file = ::open(bytes(captured).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        QVERIFY(saved >= 0 && file >= 0);
        ::dup2(file, STDOUT_FILENO);
        bool written = false;
        {
            OutputFiles files;
            written = files.open("csv", "-") && files.write("csv", "to stdout\n") && files.commit();
        }
        ::dup2(saved, STDOUT_FILENO);
        ::close(saved);
        ::close(file);
        QVERIFY(written);
        QCOMPARE(readAll(captured), QByteArray("to stdout\n"));
    }

    // Several outputs are committed together: when the second cannot be put
    // in place, the first, already swapped in, is swapped back.
    void outputsAreCommittedTogether() {
        QVERIFY(QDir(dir_->path()).mkdir("d1") && QDir(dir_->path()).mkdir("d2"));
        const QString csv = dir_->filePath("d1/out.csv"), png = dir_->filePath("d2/out.png");
        QVERIFY(writeFile(csv, "old csv\n"));
        OutputFiles files;
        QVERIFY(files.open("csv", bytes(csv)));
        QVERIFY(files.open("png", bytes(png)));
        QVERIFY(files.write("csv", "new csv\n"));
        QVERIFY(files.write("png", "new png\n"));
        QVERIFY(QDir().mkdir(png)); // something else stands there now
        QVERIFY(!files.commit());
        QCOMPARE(QString::fromStdString(files.error()),
                 "png: cannot write '" + png + "': something other than a file is there now");
        QCOMPARE(readAll(csv), QByteArray("old csv\n"));
        files.discard();
        QCOMPARE(entries(dir_->filePath("d1")), QStringList{"out.csv"});
        QCOMPARE(entries(dir_->filePath("d2")), QStringList{"out.png"});
    }

    // A full disk (a file size limit) fails the write with the reason, and
    // the existing file is untouched.
    void aFullDiskFailsWithTheReason() {
        const QString path = dir_->filePath("out.csv");
        QVERIFY(writeFile(path, "old\n"));
        rlimit saved{};
        ::getrlimit(RLIMIT_FSIZE, &saved);
        const auto handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = saved;
        limited.rlim_cur = 4096;
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
        OutputFiles files;
        const bool opened = files.open("csv", bytes(path));
        const bool written = files.write("csv", std::string(10000, 'x'));
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, handler);
        QVERIFY(opened);
        QVERIFY(!written);
        QVERIFY2(QString::fromStdString(files.error())
                     .startsWith("csv: cannot write '" + path + "': the disk is full or the file is too large ("),
                 files.error().c_str());
        QVERIFY(!files.commit());
        files.discard();
        QCOMPARE(readAll(path), QByteArray("old\n"));
    }

    void unwritablePlacesAreRefusedAtOpen() {
        QVERIFY(writeFile(dir_->filePath("afile"), "x"));
        QVERIFY(QDir(dir_->path()).mkdir("adir"));
        struct Case {
            QString path, reason;
        };
        const Case cases[] = {
            {dir_->filePath("missing/out.csv"), "the folder '" + dir_->filePath("missing") + "' does not exist"},
            {dir_->filePath("afile/out.csv"), "'" + dir_->filePath("afile") + "' is a file, not a folder"},
            {dir_->filePath("adir"), "it is a folder"},
        };
        for (const Case& c : cases) {
            OutputFiles files;
            QVERIFY(!files.open("csv", bytes(c.path)));
            QCOMPARE(QString::fromStdString(files.error()), "csv: cannot write '" + c.path + "': " + c.reason);
        }
    }

    void sameFileSeesThroughNamesAndLinks() {
        const QString a = dir_->filePath("a.csv");
        QVERIFY(writeFile(a, "x"));
        QVERIFY(QFile::link(a, dir_->filePath("l.csv")));
        QVERIFY(QDir(dir_->path()).mkdir("sub"));
        QVERIFY(QFile::link(dir_->path(), dir_->filePath("sub/up")));
        QVERIFY(izh::sameFile(bytes(a), bytes(dir_->filePath("./a.csv"))));
        QVERIFY(izh::sameFile(bytes(a), bytes(dir_->filePath("l.csv"))));
        QVERIFY(izh::sameFile(bytes(dir_->filePath("new.csv")), bytes(dir_->filePath("sub/up/new.csv"))));
        QVERIFY(::link(bytes(a).c_str(), bytes(dir_->filePath("hard.csv")).c_str()) == 0);
        QVERIFY(izh::sameFile(bytes(a), bytes(dir_->filePath("hard.csv"))));
        QVERIFY(!izh::sameFile(bytes(a), bytes(dir_->filePath("b.csv"))));
        QVERIFY(izh::sameFile("-", "-"));
        QVERIFY(!izh::sameFile("-", bytes(a)));
    }

private:
    std::unique_ptr<QTemporaryDir> dir_;
};

QTEST_APPLESS_MAIN(TestOutputFiles)
#include "test_output_files.moc"
