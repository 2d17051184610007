// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV writers of docs/file-formats.md#csv-files: exact headers, '.' as the decimal point whatever
// the locale, every number reading back to the same bits, and a write that
// stops as soon as its sink fails (disk full) instead of carrying on.
#include "core/io/csv_format.h"

#include <QLocale>
#include <QStringList>
#include <QTest>
#include <bit>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <limits>
#include <locale>
#include <random>
#include <string>
#include <vector>

using namespace izh;

namespace {

// Collects everything the writer emits, chunk by chunk.
struct Collector {
    std::string text;
    std::vector<std::size_t> chunkSizes;
    ChunkWriter writer() {
        return [this](std::string_view chunk) {
            text += chunk;
            chunkSizes.push_back(chunk.size());
            return true;
        };
    }
};

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    if (start != text.size())
        lines.push_back(text.substr(start)); // an unterminated last line (should not happen)
    return lines;
}

std::vector<std::string> splitFields(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t end; (end = line.find(',', start)) != std::string::npos; start = end + 1)
        fields.push_back(line.substr(start, end - start));
    fields.push_back(line.substr(start));
    return fields;
}

// Locale-free parse of a whole field; nullopt unless every character is used.
std::optional<double> readNumber(const std::string& field) {
    double value = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (ec != std::errc() || end != field.data() + field.size())
        return std::nullopt;
    return value;
}

bool sameBits(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Finite doubles of every kind: any bit pattern (so every exponent, subnormals
// included), plus the awkward values named in the brief.
std::vector<double> awkwardDoubles(std::size_t randomCount) {
    std::vector<double> values = {0.0,
                                  -0.0,
                                  1e300,
                                  -1e300,
                                  5e-324,
                                  -5e-324,
                                  2.2250738585072009e-308, // largest subnormal
                                  std::numeric_limits<double>::min(),
                                  std::numeric_limits<double>::max(),
                                  std::numeric_limits<double>::lowest(),
                                  0.1,
                                  0.1 + 0.2,
                                  1.0 / 3.0,
                                  -65.00000000000001,
                                  123456789012345678.0,
                                  1e21,
                                  1e-7,
                                  30.0};
    std::mt19937_64 random(2003);
    while (values.size() < randomCount) {
        const double value = std::bit_cast<double>(random());
        if (std::isfinite(value))
            values.push_back(value);
    }
    return values;
}

// A numpunct facet that writes "1,5": what std::ostream output would use
// under a German locale, installed without needing any system locale.
struct CommaDecimal : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

} // namespace

class TestCsvFormat : public QObject {
    Q_OBJECT

private slots:
    void trajectoryHeaderAndRows() {
        Trajectory trajectory;
        trajectory.dt = 0.25;
        trajectory.v = {-63, 30, -65};
        trajectory.u = {-12.6, -4.5, -4.5};
        trajectory.current = {0, 14, 14};
        Collector out;
        QVERIFY(writeTrajectoryCsv(trajectory, out.writer()));
        QCOMPARE(QString::fromStdString(out.text),
                 QString("t_ms,v_mV,u,I\n0,-63,-12.6,0\n0.25,30,-4.5,14\n0.5,-65,-4.5,14\n"));
    }

    // No samples (a run that diverged at once): still a well-formed file.
    void emptyTrajectoryIsJustTheHeader() {
        Collector out;
        QVERIFY(writeTrajectoryCsv(Trajectory{}, out.writer()));
        QCOMPARE(QString::fromStdString(out.text), QString("t_ms,v_mV,u,I\n"));
    }

    void spikesHeaderAndRows() {
        Collector out;
        QVERIFY(writeSpikesCsv({18.5, 24.5, 3.1303622086316234}, out.writer()));
        QCOMPARE(QString::fromStdString(out.text),
                 QString("spike_ms\n18.5\n24.5\n3.1303622086316234\n"));
        Collector none;
        QVERIFY(writeSpikesCsv({}, none.writer()));
        QCOMPARE(QString::fromStdString(none.text), QString("spike_ms\n"));
    }

    // Every number reads back to the same bits: -0.0 keeps its sign,
    // subnormals and 1e300 survive.
    void numbersRoundTripBitExact() {
        const std::vector<double> values = awkwardDoubles(30000);
        Collector out;
        QVERIFY(writeSpikesCsv(values, out.writer()));
        const auto lines = splitLines(out.text);
        QCOMPARE(lines.size(), values.size() + 1);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto back = readNumber(lines[i + 1]);
            QVERIFY2(back && sameBits(*back, values[i]),
                     qPrintable(QString("row %1: '%2'").arg(i).arg(lines[i + 1].c_str())));
        }

        // The same through the trajectory writer, column by column, and the
        // time column is exactly j·dt.
        Trajectory trajectory;
        trajectory.dt = 0.1;
        const std::size_t n = values.size() / 3;
        trajectory.v.assign(values.begin(), values.begin() + n);
        trajectory.u.assign(values.begin() + n, values.begin() + 2 * n);
        trajectory.current.assign(values.begin() + 2 * n, values.begin() + 3 * n);
        Collector csv;
        QVERIFY(writeTrajectoryCsv(trajectory, csv.writer()));
        const auto rows = splitLines(csv.text);
        QCOMPARE(rows.size(), n + 1);
        for (std::size_t j = 0; j < n; ++j) {
            const auto fields = splitFields(rows[j + 1]);
            QCOMPARE(fields.size(), std::size_t(4));
            const double expected[4] = {static_cast<double>(j) * 0.1, trajectory.v[j],
                                        trajectory.u[j], trajectory.current[j]};
            for (int k = 0; k < 4; ++k) {
                const auto back = readNumber(fields[k]);
                QVERIFY2(back && sameBits(*back, expected[k]),
                         qPrintable(QString("row %1: '%2'").arg(j).arg(rows[j + 1].c_str())));
            }
        }
    }

    // '.' as the decimal point and no digit grouping, under every locale the
    // process can be given: a German/French C locale if installed, Qt's
    // default locale, and a C++ global locale with a ',' decimal point.
    void decimalPointIgnoresTheLocale() {
        QStringList active;
        for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "fr_FR"})
            if (std::setlocale(LC_ALL, name)) {
                active << name;
                break;
            }
        if (active.isEmpty()) // nothing installed here: the C++ facet below still bites
            qInfo("no German or French C locale installed; using the C locale");
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const std::locale previous =
            std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));

        Trajectory trajectory;
        trajectory.dt = 0.1;
        trajectory.v = {-64.5, 1234567.25};
        trajectory.u = {-12.5, 0.001};
        trajectory.current = {1.5, -0.5};
        Collector csv, spikes;
        const bool ok = writeTrajectoryCsv(trajectory, csv.writer()) &&
                        writeSpikesCsv({1.5, 1234.5}, spikes.writer());

        std::locale::global(previous);
        std::setlocale(LC_ALL, "C");
        QLocale::setDefault(QLocale::c());

        QVERIFY(ok);
        QCOMPARE(QString::fromStdString(csv.text),
                 QString("t_ms,v_mV,u,I\n0,-64.5,-12.5,1.5\n0.1,1234567.25,0.001,-0.5\n"));
        QCOMPARE(QString::fromStdString(spikes.text), QString("spike_ms\n1.5\n1234.5\n"));
    }

    // A sink that refuses the first chunk: the writer reports failure and
    // does not keep writing into it.
    void sinkFailureAbortsAtOnce() {
        Trajectory trajectory;
        trajectory.dt = 1;
        trajectory.v.assign(10, -65);
        trajectory.u.assign(10, -13);
        trajectory.current.assign(10, 0);
        int calls = 0;
        const ChunkWriter refuse = [&](std::string_view) {
            ++calls;
            return false;
        };
        QVERIFY(!writeTrajectoryCsv(trajectory, refuse));
        QCOMPARE(calls, 1);
        calls = 0;
        QVERIFY(!writeSpikesCsv({1, 2, 3}, refuse));
        QCOMPARE(calls, 1);
    }

    // A long trace goes out in bounded chunks (it never exists twice in
    // memory), and a failure in the middle stops the writer: no chunk is
    // offered after the one that failed, and the result is false.
    void longTraceIsChunkedAndStopsAtFailure() {
        const std::size_t samples = 300000; // about 20 MB of text
        Trajectory trajectory;
        trajectory.dt = 0.1;
        std::mt19937_64 random(1);
        std::uniform_real_distribution<double> value(-80, 30);
        for (std::size_t j = 0; j < samples; ++j) {
            trajectory.v.push_back(value(random));
            trajectory.u.push_back(value(random));
            trajectory.current.push_back(value(random));
        }

        Collector all;
        QVERIFY(writeTrajectoryCsv(trajectory, all.writer()));
        QCOMPARE(splitLines(all.text).size(), samples + 1);
        QVERIFY(all.chunkSizes.size() > 4);
        for (std::size_t size : all.chunkSizes)
            QVERIFY2(size <= (2u << 20), qPrintable(QString("chunk of %1 bytes").arg(size)));

        int calls = 0;
        std::string accepted;
        const bool ok = writeTrajectoryCsv(trajectory, [&](std::string_view chunk) {
            if (++calls >= 3)
                return false; // "disk full" from the third chunk on
            accepted += chunk;
            return true;
        });
        QVERIFY(!ok);
        QCOMPARE(calls, 3); // never called again after the failure
        QVERIFY(all.text.starts_with(accepted)); // what was accepted is a true prefix
    }
};

QTEST_APPLESS_MAIN(TestCsvFormat)
#include "test_csv_format.moc"
