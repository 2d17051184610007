// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/integrator_catalogue.h"

#include <string>
#include <vector>

namespace izh {

namespace {

constexpr IntegratorInfo kIntegrators[] = {
    {IntegratorKind::Euler, "euler", "Forward Euler (NEST, Brian2 euler)",
     "v and u both advance from the state at the step's start, in Brian2's operation order",
     "NEST's izhikevich with consistent_integration = true (its default); Brian2's "
     "method='euler'"},
    {IntegratorKind::SemiImplicit, "semi-implicit",
     "Semi-implicit Euler (published MATLAB scripts)",
     "v first, then u from the new v, both with step dt",
     "Izhikevich's published MATLAB scripts for 2003 Fig. 2 and 2004 Fig. 1 (ModelDB 39948)"},
    {IntegratorKind::HalfStep, "half-step", "Two v half-steps (2003 network code)",
     "v advances twice by dt/2 with the old u, then u advances from the new v",
     "the network code printed in the 2003 paper; NEST's izhikevich with "
     "consistent_integration = false"},
    {IntegratorKind::RK4, "rk4", "Runge-Kutta 4, fixed step",
     "classic fourth-order Runge–Kutta with I held over the step",
     "Brian2's method='rk4'; an accurate fixed-step scheme"},
    {IntegratorKind::RK45, "rk45", "Dormand-Prince 5(4), adaptive",
     "adaptive Dormand–Prince 5(4) with error control (rtol, atol), dense output, spikes "
     "located on it, and exact handling of discontinuities",
     "the converged reference; NESTML's generated code integrates this model with GSL's "
     "adaptive rkf45"},
};

} // namespace

std::span<const IntegratorInfo> integratorCatalogue() { return kIntegrators; }

std::span<const IntegratorKind> allIntegrators() {
    static const auto kinds = [] {
        std::vector<IntegratorKind> all;
        for (const auto& info : kIntegrators)
            all.push_back(info.kind);
        return all;
    }();
    return kinds;
}

const IntegratorInfo& integratorInfo(IntegratorKind kind) {
    for (const auto& info : kIntegrators)
        if (info.kind == kind)
            return info;
    return kIntegrators[0];
}

std::string_view integratorId(IntegratorKind kind) { return integratorInfo(kind).id; }

std::string_view integratorTitle(IntegratorKind kind) { return integratorInfo(kind).title; }

std::optional<IntegratorKind> integratorFromId(std::string_view id) {
    for (const auto& info : kIntegrators)
        if (info.id == id)
            return info.kind;
    return std::nullopt;
}

std::string_view integratorIdList() {
    static const std::string list = [] {
        std::string text;
        for (const auto& info : kIntegrators) {
            if (!text.empty())
                text += ", ";
            text += info.id;
        }
        return text;
    }();
    return list;
}

} // namespace izh
