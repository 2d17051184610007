// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/trace_sink.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace izh {

// Min/max of v, u and I over consecutive buckets of samples: what a plot
// needs to draw every spike at full height at any zoom, in memory bounded by
// the number of buckets (pixels), not the number of samples (docs/performance.md#budgets).
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
// Blocks never straddle a bucket, so a block's running min/max (in registers
// while the loop runs) merges into one bucket when it closes.
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

    // I is linear within a block (a constant part plus ramps), so its range
    // comes from the ends, not from every sample.
    struct Block {
        Envelope::Range v, u, current;
        void add(std::size_t, double vj, double uj, double) {
            v.add(vj);
            u.add(uj);
        }
        void currents(double first, double last) {
            current.add(first);
            current.add(last);
        }
    };
    Block openBlock(std::size_t) { return {}; }
    // The start of the next bucket.
    std::size_t blockLimit(std::size_t first) const {
        return (first / target_.samplesPerBucket + 1) * target_.samplesPerBucket;
    }
    void closeBlock(const Block& block, std::size_t first, std::size_t count) {
        if (count == 0)
            return;
        const std::size_t bucket = first / target_.samplesPerBucket;
        while (target_.v.size() <= bucket) {
            target_.v.emplace_back();
            target_.u.emplace_back();
            target_.current.emplace_back();
        }
        merge(target_.v[bucket], block.v);
        merge(target_.u[bucket], block.u);
        merge(target_.current[bucket], block.current);
    }

    void sample(std::size_t index, double v, double u, double current) override {
        Block block = openBlock(index);
        block.add(index, v, u, current);
        block.currents(current, current);
        closeBlock(block, index, 1);
    }

private:
    static void merge(Envelope::Range& into, const Envelope::Range& from) {
        into.min = std::min(into.min, from.min);
        into.max = std::max(into.max, from.max);
    }

    Envelope& target_;
    std::size_t maxBuckets_;
};

} // namespace izh
