#include "sweep_csv.h"

#include "number_format.h"

#include <string>

namespace izh {

bool writeSweepCsv(const SweepResult& sweep, const ChunkWriter& write) {
    constexpr std::size_t kChunk = 1 << 20;
    std::string text = sweep.x.name + "," + sweep.y.name +
                       ",spike_count,first_spike_ms,rate_hz,cv_isi,pattern\n";
    // Each axis value is formatted once.
    std::vector<std::string> xs(sweep.x.count), ys(sweep.y.count);
    for (std::size_t i = 0; i < xs.size(); ++i)
        xs[i] = formatNumber(sweep.x.value(i));
    for (std::size_t j = 0; j < ys.size(); ++j)
        ys[j] = formatNumber(sweep.y.value(j));
    for (std::size_t j = 0; j < sweep.y.count; ++j) {
        for (std::size_t i = 0; i < sweep.x.count; ++i) {
            const SweepCell& cell = sweep.at(i, j);
            text += xs[i];
            text += ',';
            text += ys[j];
            text += ',';
            text += std::to_string(cell.spikeCount);
            text += ',';
            if (cell.firstSpike)
                text += formatNumber(*cell.firstSpike);
            text += ',';
            text += formatNumber(cell.rateHz);
            text += ',';
            if (cell.cvIsi)
                text += formatNumber(*cell.cvIsi);
            text += ',';
            text += cell.patternId();
            text += '\n';
            if (text.size() >= kChunk) {
                if (!write(text))
                    return false;
                text.clear();
            }
        }
    }
    return write(text);
}

} // namespace izh
