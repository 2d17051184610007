// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <limits>

namespace izh {

// Receives a run's samples in order. The sample grid is t_j = j·dt for
// j = 0..steps; `current` is I(t_j). At a spike's sample v holds vpeak and u
// the value after the reset increment (docs/integrators.md#fixed-step-conventions).
//
// Two ways in: sample() one at a time (rk45, the final sample), and, for the
// fixed-step loop, blocks of consecutive samples. A concrete sink is `final`
// and provides
//   Block openBlock(std::size_t first);       // a small value type
//   void Block::add(std::size_t index, double v, double u, double current);
//   void Block::currents(double first, double last); // I at the block's ends
//                                                   // (I is linear within a block)
//   std::size_t blockLimit(std::size_t first); // a block never reaches this index
//   void closeBlock(const Block&, std::size_t first, std::size_t count);
// The loop keeps the Block in local variables (registers), so per-sample work
// does not go through memory the compiler must assume aliased.
class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void reserve(std::size_t samples) { (void)samples; }
    virtual void sample(std::size_t index, double v, double u, double current) = 0;
};

// Keeps nothing: for runs where only spike times matter.
class DiscardingSink final : public TraceSink {
public:
    struct Block {
        void add(std::size_t, double, double, double) {}
        void currents(double, double) {}
    };
    Block openBlock(std::size_t) { return {}; }
    std::size_t blockLimit(std::size_t) const { return std::numeric_limits<std::size_t>::max(); }
    void closeBlock(const Block&, std::size_t, std::size_t) {}
    void sample(std::size_t, double, double, double) override {}
};

} // namespace izh
