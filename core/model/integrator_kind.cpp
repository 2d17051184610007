// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/integrator_kind.h"

namespace izh {

std::string_view integratorId(IntegratorKind kind) {
    switch (kind) {
    case IntegratorKind::Euler: return "euler";
    case IntegratorKind::SemiImplicit: return "semi-implicit";
    case IntegratorKind::HalfStep: return "half-step";
    case IntegratorKind::RK4: return "rk4";
    case IntegratorKind::RK45: return "rk45";
    }
    return "rk45";
}

std::string_view integratorTitle(IntegratorKind kind) {
    switch (kind) {
    case IntegratorKind::Euler: return "Forward Euler (NEST, Brian2 euler)";
    case IntegratorKind::SemiImplicit: return "Semi-implicit Euler (published MATLAB scripts)";
    case IntegratorKind::HalfStep: return "Two v half-steps (2003 network code)";
    case IntegratorKind::RK4: return "Runge-Kutta 4, fixed step";
    case IntegratorKind::RK45: return "Dormand-Prince 5(4), adaptive";
    }
    return "";
}

const std::vector<IntegratorKind>& allIntegrators() {
    static const std::vector<IntegratorKind> all = {
        IntegratorKind::Euler, IntegratorKind::SemiImplicit, IntegratorKind::HalfStep,
        IntegratorKind::RK4, IntegratorKind::RK45};
    return all;
}

std::optional<IntegratorKind> integratorFromId(std::string_view id) {
    for (auto kind : allIntegrators())
        if (integratorId(kind) == id)
            return kind;
    return std::nullopt;
}

} // namespace izh
