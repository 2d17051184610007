// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/batch_group.h"

#include <bit>
#include <cmath>
#include <limits>

namespace izh::batch {

void Group::neutralise(int lane) {
    LaneConstants& k = this->k[lane / kLanes];
    const int i = lane % kLanes;
    for (V* constant : {&k.p2, &k.p1, &k.p0, &k.a, &k.b, &k.vb, &k.e, &k.c, &k.d, &k.dt,
                        &k.halfDt, &k.dtA, &k.halfA, &k.uOffset, &k.uFromV,
                        &k.p0z, &k.alz, &k.be, &k.gaz, &k.b2c0, &k.b2c1, &k.c2, &k.h2,
                        &k.kap0, &k.kap1, &k.r0g, &k.r1c0, &k.r1z, &k.r1u,
                        &k.r2, &k.pc0, &k.pc1, &k.pc2, &k.t1c0, &k.t1c1, &k.t2c0,
                        &k.t2c1, &k.qc0, &k.qc1, &k.qc2, &k.t3mx, &k.t3mg, &k.t3c0,
                        &k.t3c1, &k.q4, &k.ug, &k.ux, &k.u1c0, &k.u1c1, &k.u2,
                        &k.zShift, &k.vFromZ, &k.resetZ})
        (*constant)[i] = 0.0;
    k.halfB[i] = 1.0;
    k.uKeep[i] = 1.0;
    k.zScale[i] = 1.0;
    k.vpeak[i] = std::numeric_limits<double>::infinity();
    k.zPeak[i] = std::numeric_limits<double>::infinity();
    laneOf(v, lane) = 0.0;
    laneOf(u, lane) = 0.0;
    laneOf(current, lane) = 0.0;
    lanes[lane].alive = false;
}

bool Group::coreIsShared() const {
    auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
        const LaneConstants& own = k[lane / kLanes];
        const int i = lane % kLanes;
        if (!lanes[lane].alive || bits(own.p2[i]) != bits(k[0].p2[0]) ||
            bits(own.p1[i]) != bits(k[0].p1[0]) || bits(own.p0[i]) != bits(k[0].p0[0]) ||
            bits(own.dt[i]) != bits(k[0].dt[0]) || bits(own.zPeak[i]) != bits(k[0].zPeak[0]))
            return false;
    }
    return true;
}

void Group::load(int lane, const StepConstants& s, bool shiftedRK4) {
    LaneConstants& k = this->k[lane / kLanes];
    const int i = lane % kLanes;
    k.p2[i] = s.p2;
    k.p1[i] = s.p1;
    k.p0[i] = s.p0;
    k.a[i] = s.a;
    k.b[i] = s.b;
    k.vb[i] = s.vb;
    k.e[i] = s.e;
    k.c[i] = s.c;
    k.d[i] = s.d;
    k.vpeak[i] = s.vpeak;
    k.dt[i] = s.dt;
    k.halfDt[i] = s.halfDt;
    k.dtA[i] = s.dtA;
    k.halfA[i] = s.halfA;
    k.halfB[i] = s.halfB;
    k.uKeep[i] = s.uKeep;
    k.uOffset[i] = s.uOffset;
    k.uFromV[i] = s.uFromV;
    k.zScale[i] = shiftedRK4 ? s.rk4.zScale : 1.0;
    k.zShift[i] = shiftedRK4 ? s.rk4.zShift : 0.0;
    k.vFromZ[i] = shiftedRK4 ? s.rk4.vFromZ : 1.0;
    k.resetZ[i] = shiftedRK4 ? s.rk4.toState(s.c) : s.c;
    k.zPeak[i] = shiftedRK4 ? s.rk4.zPeak : s.vpeak;
    if (!shiftedRK4) // the other schemes never read RK4Terms
        return;
    const auto& r = s.rk4;
    k.p0z[i] = r.p0z;
    k.alz[i] = r.alz;
    k.be[i] = r.be;
    k.gaz[i] = r.gaz;
    k.b2c0[i] = r.b2c0;
    k.b2c1[i] = r.b2c1;
    k.c2[i] = r.c2;
    k.h2[i] = r.h2;
    k.kap0[i] = r.kap0;
    k.kap1[i] = r.kap1;
    k.r0g[i] = r.r0g;
    k.r1c0[i] = r.r1c0;
    k.r1z[i] = r.r1z;
    k.r1u[i] = r.r1u;
    k.r2[i] = r.r2;
    k.pc0[i] = r.pc0;
    k.pc1[i] = r.pc1;
    k.pc2[i] = r.pc2;
    k.t1c0[i] = r.t1c0;
    k.t1c1[i] = r.t1c1;
    k.t2c0[i] = r.t2c0;
    k.t2c1[i] = r.t2c1;
    k.qc0[i] = r.qc0;
    k.qc1[i] = r.qc1;
    k.qc2[i] = r.qc2;
    k.t3mx[i] = r.t3mx;
    k.t3mg[i] = r.t3mg;
    k.t3c0[i] = r.t3c0;
    k.t3c1[i] = r.t3c1;
    k.q4[i] = r.q4;
    k.ug[i] = r.ug;
    k.ux[i] = r.ux;
    k.u1c0[i] = r.u1c0;
    k.u1c1[i] = r.u1c1;
    k.u2[i] = r.u2;
}

template <bool Exact> bool handleEvents(Group& g, std::size_t step) {
    const double time = static_cast<double>(step) * g.dt + g.dt;
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
        if (!g.laneOfFlags(lane))
            continue;
        double& z = g.laneOf(g.v, lane); // the state coordinate (RK4Terms)
        double& u = g.laneOf(g.u, lane);
        Lane& cell = g.lanes[lane];
        if (!cell.alive) {
            z = 0.0;
            u = 0.0;
            continue;
        }
        const LaneConstants& k = g.k[lane / kLanes];
        const int i = lane % kLanes;
        const double v = k.vFromZ[i] * z - k.zShift[i]; // exactly z for (1, 0)
        if (v < k.vpeak[i] && std::isfinite(v) && std::isfinite(u))
            continue;
        if (!std::isfinite(v) || !std::isfinite(u)) {
            if (!Exact)
                return false;
            cell.divergenceTime = time;
            g.neutralise(lane);
            continue;
        }
        cell.spikes.push_back(time);
        z = k.resetZ[i];
        u = u + k.d[i];
    }
    return true;
}

template bool handleEvents<false>(Group&, std::size_t);
template bool handleEvents<true>(Group&, std::size_t);

void fillRampCurrents(Group& g, std::size_t step) {
    for (int lane = 0; lane < static_cast<int>(kBatchGroupCells); ++lane) {
        const Lane& cell = g.lanes[lane];
        if (cell.alive)
            g.laneOf(g.current, lane) = cell.schedule->chunks()[cell.chunk].currentAtStep(step, g.dt);
    }
}

void flushSpikeLog(Group& g, std::size_t from) {
    for (std::size_t i = 0; i < g.spikeLogSize; ++i) {
        const std::size_t step = from + (g.spikeLog[i] >> 5);
        g.lanes[g.spikeLog[i] & 31].spikes.push_back(static_cast<double>(step) * g.dt + g.dt);
    }
    g.spikeLogSize = 0;
}

void flushSpikingSteps(Group& g, std::size_t from) {
    for (std::size_t i = 0; i < g.spikingStepCount; ++i) {
        const Group::SpikingStep& entry = g.spikingSteps[i];
        const double time = static_cast<double>(from + entry.step) * g.dt + g.dt;
        for (std::uint32_t spiked = entry.lanes; spiked; spiked &= spiked - 1)
            g.lanes[__builtin_ctz(spiked)].spikes.push_back(time);
    }
    g.spikingStepCount = 0;
}

} // namespace izh::batch
