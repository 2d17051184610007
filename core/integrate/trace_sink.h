// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#ifndef Q_MOC_RUN
#include <concepts>
#endif
#include <cstddef>
#include <limits>
#include <type_traits>

namespace izh {

// Receives a run's samples in order. The sample grid is t_j = j·dt for
// j = 0..steps; `current` is I(t_j). At a spike's sample v holds vpeak and u
// the value after the reset increment (docs/integrators.md#fixed-step-conventions).
//
// Two ways in: sample() one at a time (rk45, the final sample), and, for the
// fixed-step loop, blocks of consecutive samples (BlockSink below). The loop
// keeps the Block in local variables (registers), so per-sample work does
// not go through memory the compiler must assume aliased.
class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void reserve(std::size_t samples) { (void)samples; }
    virtual void sample(std::size_t index, double v, double u, double current) = 0;
};

// A sink the fixed-step loop writes in blocks: a `final` TraceSink with
//   openBlock(first)            a small value type, the block starting at sample `first`;
//   Block::add(index, v, u, I)  one sample;
//   Block::currents(first, last) I at the block's ends (I is linear within a block);
//   blockLimit(first)           an index no block starting at `first` reaches;
//   closeBlock(block, first, count).
#ifndef Q_MOC_RUN // moc (Qt 6.4) cannot parse concepts; test files that it reads include this
template <class Sink>
concept BlockSink = std::derived_from<Sink, TraceSink> && std::is_final_v<Sink> &&
                    requires(Sink& sink, typename Sink::Block& block, std::size_t index, double x) {
                        { sink.openBlock(index) } -> std::same_as<typename Sink::Block>;
                        block.add(index, x, x, x);
                        block.currents(x, x);
                        { sink.blockLimit(index) } -> std::convertible_to<std::size_t>;
                        sink.closeBlock(block, index, index);
                    };
#endif

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
