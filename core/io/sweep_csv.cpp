// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/sweep_csv.h"

#include "core/base/number_format.h"

#include <algorithm>
#include <charconv>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace izh {

namespace {

// Rows [begin, end) of the grid (X fastest) as CSV text.
std::string formatRows(const SweepResult& sweep, const std::vector<std::string>& xs,
                       const std::vector<std::string>& ys, std::size_t begin, std::size_t end) {
    std::string text;
    text.reserve((end - begin) * 128); // rows are ~100 characters
    for (std::size_t row = begin; row < end; ++row) {
        const std::size_t i = row % sweep.x.count, j = row / sweep.x.count;
        const SweepCell& cell = sweep.at(i, j);
        text += xs[i];
        text += ',';
        text += ys[j];
        text += ',';
        char count[24];
        text.append(count, std::to_chars(count, count + sizeof count, cell.spikeCount).ptr);
        text += ',';
        if (cell.firstSpike)
            appendNumber(text, *cell.firstSpike);
        text += ',';
        appendNumber(text, cell.rateHz);
        text += ',';
        if (cell.cvIsi)
            appendNumber(text, *cell.cvIsi);
        text += ',';
        text += cell.patternId();
        text += '\n';
    }
    return text;
}

} // namespace

bool writeSweepCsv(const SweepResult& sweep, const ChunkWriter& write) {
    if (!write(sweep.x.name + "," + sweep.y.name +
               ",spike_count,first_spike_ms,rate_hz,cv_isi,pattern\n"))
        return false;
    // Each axis value is formatted once.
    std::vector<std::string> xs(sweep.x.count), ys(sweep.y.count);
    for (std::size_t i = 0; i < xs.size(); ++i)
        xs[i] = formatNumber(sweep.x.value(i));
    for (std::size_t j = 0; j < ys.size(); ++j)
        ys[j] = formatNumber(sweep.y.value(j));
    // Formatting is most of the cost (0.23 µs a row on one core here), so
    // batches of rows are formatted on all cores, a round of one batch per
    // core at a time (this thread takes the first), and written in order.
    // A batch is about a megabyte and a half of text; a grid of one batch
    // starts no thread.
    constexpr std::size_t kRowsPerBatch = 1 << 14;
    const std::size_t rows = sweep.x.count * sweep.y.count;
    const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t round = 0; round < rows; round += workers * kRowsPerBatch) {
        const std::size_t roundEnd = std::min(rows, round + workers * kRowsPerBatch);
        std::vector<std::future<std::string>> others;
        for (std::size_t begin = round + kRowsPerBatch; begin < roundEnd; begin += kRowsPerBatch)
            // The default policy: a thread, or inline if none can be had.
            others.push_back(std::async(formatRows, std::cref(sweep), std::cref(xs),
                                        std::cref(ys), begin,
                                        std::min(roundEnd, begin + kRowsPerBatch)));
        if (!write(formatRows(sweep, xs, ys, round, std::min(roundEnd, round + kRowsPerBatch))))
            return false;
        for (auto& batch : others)
            if (!write(batch.get()))
                return false;
    }
    return true;
}

} // namespace izh
