#pragma once

#include "run_control.h"
#include "trace_sink.h"

#include <cstddef>
#include <vector>

namespace izh {

// A run with every sample kept: sample j is at t = j·dt. When the run
// diverged or was cancelled, only the valid prefix is here.
struct Trajectory {
    double dt = 0;
    std::vector<double> v, u, current;
    RunOutcome outcome;

    std::size_t sampleCount() const { return v.size(); }
    double timeAt(std::size_t j) const { return static_cast<double>(j) * dt; }
    const std::vector<double>& spikeTimes() const { return outcome.spikeTimes; }
};

// Sink that fills a Trajectory's sample arrays.
class FullTraceRecorder final : public TraceSink {
public:
    explicit FullTraceRecorder(Trajectory& target) : target_(target) {}
    void reserve(std::size_t samples) override {
        target_.v.reserve(samples);
        target_.u.reserve(samples);
        target_.current.reserve(samples);
    }
    void sample(std::size_t, double v, double u, double current) override {
        target_.v.push_back(v);
        target_.u.push_back(u);
        target_.current.push_back(current);
    }

private:
    Trajectory& target_;
};

} // namespace izh
