// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/integrate/dormand_prince.h"

#include "core/base/invalid_input.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace izh {

namespace {

// Dormand & Prince (1980) coefficients, and the dense-output coefficients of
// Hairer, Nørsett & Wanner, "Solving ODEs I", §II.6 (as in their DOPRI5).
constexpr double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
constexpr double a21 = 1.0 / 5;
constexpr double a31 = 3.0 / 40, a32 = 9.0 / 40;
constexpr double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
constexpr double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561,
                 a54 = -212.0 / 729;
constexpr double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176,
                 a65 = -5103.0 / 18656;
constexpr double a71 = 35.0 / 384, a73 = 500.0 / 1113, a74 = 125.0 / 192, a75 = -2187.0 / 6784,
                 a76 = 11.0 / 84;
constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200,
                 e6 = 22.0 / 525, e7 = -1.0 / 40;
constexpr double d1 = -12715105075.0 / 11282082432, d3 = 87487479700.0 / 32700410799,
                 d4 = -10690763975.0 / 1880347072, d5 = 701980252875.0 / 199316789632,
                 d6 = -1453857185.0 / 822651844, d7 = 69997945.0 / 29380423;

using State = std::array<double, 2>; // v, u

// I(t) inside one segment between discontinuities: which components are
// active is fixed there (decided at the segment's midpoint), so the value is
// smooth up to and including both ends.
struct SegmentCurrent {
    double constantPart = 0;
    std::vector<std::pair<double, double>> ramps; // slope, tOn

    SegmentCurrent(const StimulusProtocol& p, double t0, double t1) {
        const double mid = 0.5 * (t0 + t1);
        constantPart = p.baseline;
        for (const auto& piece : p.rectangularPieces())
            if (piece.activeAt(mid))
                constantPart += piece.amplitude;
        for (const auto& ramp : p.ramps)
            if (ramp.activeAt(mid))
                ramps.emplace_back(ramp.slope, ramp.tOn);
    }
    double at(double t) const {
        double current = constantPart;
        for (auto [slope, tOn] : ramps)
            current += slope * (t - tOn);
        return current;
    }
};

struct DenseStep {
    State r1, r2, r3, r4, r5;
    State at(double theta) const {
        const double theta1 = 1.0 - theta;
        State y;
        for (int i = 0; i < 2; ++i)
            y[i] = r1[i] + theta * (r2[i] + theta1 * (r3[i] + theta * (r4[i] + theta1 * r5[i])));
        return y;
    }
};

class DormandPrince {
public:
    DormandPrince(const SimulationRequest& r, TraceSink& sink, const RunControl& control)
        : model_(r.model), protocol_(r.protocol), sink_(sink), control_(control),
          dt_(r.settings.dt), steps_(r.settings.stepCount()), rtol_(r.settings.rtol),
          atol_(r.settings.atol), tEnd_(static_cast<double>(steps_) * dt_) {}

    RunOutcome run() {
        sink_.reserve(steps_ + 1);
        State y = {model_.v0, model_.initialU()};
        double t = 0;
        sink_.sample(0, y[0], y[1], protocol_.currentAt(0));
        nextSample_ = 1;

        std::map<double, double> arrivals; // time → summed weight
        for (const auto& spike : protocol_.inputSpikes)
            if (spike.time < tEnd_)
                arrivals[spike.time] += spike.weight;
        std::vector<double> edges = {0.0};
        for (double edge : protocol_.discontinuities())
            if (edge > 0 && edge < tEnd_)
                edges.push_back(edge);
        edges.push_back(tEnd_);

        double h = 0.01;
        for (std::size_t s = 0; s + 1 < edges.size(); ++s) {
            if (auto it = arrivals.find(edges[s]); it != arrivals.end()) {
                y[0] += it->second;
                if (y[0] >= model_.vpeak)
                    fire(edges[s], y, y[1]);
            }
            if (!integrateSegment(t, y, edges[s + 1], h))
                return std::move(outcome_);
        }
        return std::move(outcome_);
    }

private:
    State f(double t, const State& y, const SegmentCurrent& current) const {
        return {model_.p2 * (y[0] * y[0]) + model_.p1 * y[0] + model_.p0 - y[1] + current.at(t),
                model_.a * (model_.b * (y[0] - model_.vb) - model_.e * y[1])};
    }

    void fire(double time, State& y, double uAtSpike) {
        outcome_.spikeTimes.push_back(time);
        y = {model_.c, uAtSpike + model_.d};
        pendingPeak_ = true;
    }

    // Hands the grid samples in (tStart, tStop] to the sink from the dense output.
    void emitSamples(double tStart, double h, double tStop, const DenseStep& dense) {
        while (nextSample_ <= steps_) {
            const double tj = static_cast<double>(nextSample_) * dt_;
            if (tj > tStop)
                break;
            const State y = dense.at(std::clamp((tj - tStart) / h, 0.0, 1.0));
            const double v = pendingPeak_ ? model_.vpeak : y[0];
            pendingPeak_ = false;
            sink_.sample(nextSample_, v, y[1], protocol_.currentAt(tj));
            ++nextSample_;
        }
    }

    // Integrates from t to tb (no discontinuity inside). False when the run
    // ended early (divergence or cancellation), recorded in outcome_.
    bool integrateSegment(double& t, State& y, double tb, double& h) {
        const SegmentCurrent current(protocol_, t, tb);
        State k1 = f(t, y, current);
        while (t < tb) {
            if (control_.cancelled()) {
                outcome_.cancelled = true;
                return false;
            }
            if (outcome_.acceptedSteps + outcome_.rejectedSteps > kStepBudget)
                throw InvalidInput("rtol", "rk45 needed more than " +
                                               std::to_string(kStepBudget) +
                                               " steps; loosen rtol/atol or shorten the run");
            h = std::min(h, kDormandPrinceMaxStep);
            double step = std::min(h, tb - t);
            if (tb - (t + step) < 1e-9 * step) // do not leave a sliver before the edge
                step = tb - t;
            const double hMin = 1e-12 * std::max(1.0, std::abs(t));
            if (step < hMin && t + step < tb) {
                outcome_.divergenceTime = t;
                return false;
            }

            State k2, k3, k4, k5, k6, k7, y5, yi;
            auto stage = [&](double cFrac, auto combine) {
                for (int i = 0; i < 2; ++i)
                    yi[i] = y[i] + step * combine(i);
                return f(t + cFrac * step, yi, current);
            };
            k2 = stage(c2, [&](int i) { return a21 * k1[i]; });
            k3 = stage(c3, [&](int i) { return a31 * k1[i] + a32 * k2[i]; });
            k4 = stage(c4, [&](int i) { return a41 * k1[i] + a42 * k2[i] + a43 * k3[i]; });
            k5 = stage(c5, [&](int i) {
                return a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i];
            });
            k6 = stage(1.0, [&](int i) {
                return a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i];
            });
            for (int i = 0; i < 2; ++i)
                y5[i] = y[i] + step * (a71 * k1[i] + a73 * k3[i] + a74 * k4[i] + a75 * k5[i] +
                                       a76 * k6[i]);
            k7 = f(t + step, y5, current);

            double errSq = 0;
            for (int i = 0; i < 2; ++i) {
                const double errI = step * (e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] +
                                            e6 * k6[i] + e7 * k7[i]);
                const double scale = atol_ + rtol_ * std::max(std::abs(y[i]), std::abs(y5[i]));
                errSq += (errI / scale) * (errI / scale);
            }
            const double err = std::sqrt(0.5 * errSq);

            if (!std::isfinite(err) || err > 1.0) {
                ++outcome_.rejectedSteps;
                if (step <= hMin) {
                    outcome_.divergenceTime = t;
                    return false;
                }
                h = std::isfinite(err) ? step * std::max(0.2, 0.9 * std::pow(err, -0.2))
                                       : step * 0.1;
                continue;
            }

            ++outcome_.acceptedSteps;
            DenseStep dense;
            for (int i = 0; i < 2; ++i) {
                const double ydiff = y5[i] - y[i];
                const double bspl = step * k1[i] - ydiff;
                dense.r1[i] = y[i];
                dense.r2[i] = ydiff;
                dense.r3[i] = bspl;
                dense.r4[i] = ydiff - step * k7[i] - bspl;
                dense.r5[i] = step * (d1 * k1[i] + d3 * k3[i] + d4 * k4[i] + d5 * k5[i] +
                                      d6 * k6[i] + d7 * k7[i]);
            }
            h = step * std::clamp(0.9 * std::pow(std::max(err, 1e-10), -0.2), 0.2, 10.0);

            if (y5[0] >= model_.vpeak) {
                const double theta = locateThreshold(dense, step);
                const double tSpike = t + theta * step;
                emitSamples(t, step, tSpike, dense);
                const State atSpike = dense.at(theta);
                t = tSpike;
                fire(tSpike, y, atSpike[1]);
                k1 = f(t, y, current);
                h = step;
            } else {
                emitSamples(t, step, t + step, dense);
                t = (step == tb - t) ? tb : t + step;
                y = y5;
                k1 = k7;
            }
            if ((outcome_.acceptedSteps & 1023) == 0)
                control_.report(t / tEnd_);
        }
        return true;
    }

    // θ in (0, 1] where the dense v crosses vpeak, by bisection to 1e-10 ms.
    double locateThreshold(const DenseStep& dense, double step) const {
        double lo = 0, hi = 1;
        while ((hi - lo) * step > 1e-10) {
            const double mid = 0.5 * (lo + hi);
            (dense.at(mid)[0] >= model_.vpeak ? hi : lo) = mid;
        }
        return hi;
    }

    static constexpr std::size_t kStepBudget = 200'000'000;

    const ModelParameters& model_;
    const StimulusProtocol& protocol_;
    TraceSink& sink_;
    const RunControl& control_;
    const double dt_;
    const std::size_t steps_;
    const double rtol_, atol_, tEnd_;
    std::size_t nextSample_ = 0;
    bool pendingPeak_ = false;
    RunOutcome outcome_;
};

} // namespace

RunOutcome integrateDormandPrince(const SimulationRequest& request, TraceSink& sink,
                                  const RunControl& control) {
    return DormandPrince(request, sink, control).run();
}

} // namespace izh
