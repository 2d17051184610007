#pragma once

#include <cstddef>

namespace izh {

// Receives a run's samples in order. The sample grid is t_j = j·dt for
// j = 0..steps; `current` is I(t_j). At a spike's sample v holds vpeak and u
// the value after the reset increment (SPEC §3).
//
// Concrete sinks are `final`, and the fixed-step loop is a template over the
// concrete type, so in the hot loop the call is direct and inlined.
class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void reserve(std::size_t samples) { (void)samples; }
    virtual void sample(std::size_t index, double v, double u, double current) = 0;
};

// Keeps nothing: for runs where only spike times matter.
class DiscardingSink final : public TraceSink {
public:
    void sample(std::size_t, double, double, double) override {}
};

} // namespace izh
