// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/run_control.h"
#include "core/integrate/trace_sink.h"

#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

namespace izh {

// An allocator whose resize() leaves doubles uninitialised: a trace is written
// in full right after it is sized, so zero-filling it first would be wasted.
template <class T> struct UninitialisedAllocator : std::allocator<T> {
    template <class U> struct rebind {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <class U> UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <class U> void construct(U* p) noexcept { ::new (static_cast<void*>(p)) U; }
    template <class U, class... Args> void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};
using SampleVector = std::vector<double, UninitialisedAllocator<double>>;

// A run with every sample kept: sample j is at t = j·dt. When the run
// diverged or was cancelled, only the valid prefix is here.
struct Trajectory {
    double dt = 0;
    SampleVector v, u, current;
    RunOutcome outcome;

    std::size_t sampleCount() const { return v.size(); }
    double timeAt(std::size_t j) const { return static_cast<double>(j) * dt; }
    const std::vector<double>& spikeTimes() const { return outcome.spikeTimes; }
};

// Sink that fills a Trajectory's sample arrays: sized once, then plain stores
// (no capacity checks or calls in the integrator's loop). finish() trims the
// arrays to the samples actually written when a run ended early.
class FullTraceRecorder final : public TraceSink {
public:
    explicit FullTraceRecorder(Trajectory& target) : target_(target) {}
    void reserve(std::size_t samples) override {
        target_.v.resize(samples);
        target_.u.resize(samples);
        target_.current.resize(samples);
    }

    struct Block {
        double *v, *u, *current;
        void add(std::size_t index, double vj, double uj, double currentj) {
            v[index] = vj;
            u[index] = uj;
            current[index] = currentj;
        }
        void currents(double, double) {}
    };
    Block openBlock(std::size_t) {
        return {target_.v.data(), target_.u.data(), target_.current.data()};
    }
    std::size_t blockLimit(std::size_t) const { return std::numeric_limits<std::size_t>::max(); }
    void closeBlock(const Block&, std::size_t first, std::size_t count) { written_ = first + count; }

    void sample(std::size_t index, double v, double u, double current) override {
        Block block = openBlock(index);
        block.add(index, v, u, current);
        closeBlock(block, index, 1);
    }
    void finish() {
        target_.v.resize(written_);
        target_.u.resize(written_);
        target_.current.resize(written_);
    }

private:
    Trajectory& target_;
    std::size_t written_ = 0;
};

} // namespace izh
