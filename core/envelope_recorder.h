#pragma once

#include "trace_sink.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace izh {

// Min/max of v, u and I over consecutive buckets of samples: what a plot
// needs to draw every spike at full height at any zoom, in memory bounded by
// the number of buckets (pixels), not the number of samples (SPEC §8).
struct Envelope {
    struct Range {
        double min = std::numeric_limits<double>::infinity();
        double max = -std::numeric_limits<double>::infinity();
        void add(double x) {
            min = std::min(min, x);
            max = std::max(max, x);
        }
    };
    double dt = 0;                      // sample spacing
    std::size_t samplesPerBucket = 1;   // bucket k covers samples [k·n, (k+1)·n)
    std::vector<Range> v, u, current;   // one entry per bucket

    std::size_t bucketCount() const { return v.size(); }
    double bucketStart(std::size_t k) const { return static_cast<double>(k * samplesPerBucket) * dt; }
};

// Sink that reduces a run to an Envelope of at most `maxBuckets` buckets.
class EnvelopeRecorder final : public TraceSink {
public:
    EnvelopeRecorder(Envelope& target, double dt, std::size_t maxBuckets)
        : target_(target), maxBuckets_(std::max<std::size_t>(1, maxBuckets)) {
        target_.dt = dt;
    }
    void reserve(std::size_t samples) override {
        target_.samplesPerBucket = std::max<std::size_t>(1, (samples + maxBuckets_ - 1) / maxBuckets_);
        const std::size_t buckets = (samples + target_.samplesPerBucket - 1) / target_.samplesPerBucket;
        target_.v.reserve(buckets);
        target_.u.reserve(buckets);
        target_.current.reserve(buckets);
    }
    void sample(std::size_t, double v, double u, double current) override {
        if (left_ == 0) {
            target_.v.emplace_back();
            target_.u.emplace_back();
            target_.current.emplace_back();
            left_ = target_.samplesPerBucket;
        }
        --left_;
        target_.v.back().add(v);
        target_.u.back().add(u);
        target_.current.back().add(current);
    }

private:
    Envelope& target_;
    std::size_t maxBuckets_;
    std::size_t left_ = 0;
};

} // namespace izh
