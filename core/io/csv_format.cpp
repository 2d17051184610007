// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/csv_format.h"

#include "core/base/number_format.h"

#include <string>

namespace izh {

namespace {

class BufferedWriter {
public:
    explicit BufferedWriter(const ChunkWriter& write) : write_(write) { buffer_.reserve(kChunk); }
    BufferedWriter& operator<<(std::string_view text) {
        buffer_ += text;
        return *this;
    }
    BufferedWriter& operator<<(double value) {
        appendNumber(buffer_, value);
        return *this;
    }
    bool endRow() {
        buffer_ += '\n';
        return buffer_.size() < kChunk || flush();
    }
    bool flush() {
        const bool ok = buffer_.empty() || write_(buffer_);
        buffer_.clear();
        return ok;
    }

private:
    static constexpr std::size_t kChunk = 1 << 20;
    const ChunkWriter& write_;
    std::string buffer_;
};

} // namespace

bool writeTrajectoryCsv(const Trajectory& trajectory, const ChunkWriter& write) {
    BufferedWriter out(write);
    out << "t_ms,v_mV,u,I";
    if (!out.endRow())
        return false;
    for (std::size_t j = 0; j < trajectory.sampleCount(); ++j) {
        out << trajectory.timeAt(j) << "," << trajectory.v[j] << "," << trajectory.u[j] << ","
            << trajectory.current[j];
        if (!out.endRow())
            return false;
    }
    return out.flush();
}

bool writeSpikesCsv(const std::vector<double>& spikeTimes, const ChunkWriter& write) {
    BufferedWriter out(write);
    out << "spike_ms";
    if (!out.endRow())
        return false;
    for (double t : spikeTimes) {
        out << t;
        if (!out.endRow())
            return false;
    }
    return out.flush();
}

} // namespace izh
