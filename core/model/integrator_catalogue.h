// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace izh {

// The five integration schemes (docs/integrators.md); their ids are stable
// (the command line, files and presets use them).
enum class IntegratorKind { Euler, SemiImplicit, HalfStep, RK4, RK45 };

// One row of the integrator catalogue: what the command line, parameter
// files, the window and docs/integrators.md say about a scheme.
struct IntegratorInfo {
    IntegratorKind kind;
    std::string_view id;     // "semi-implicit"
    std::string_view title;  // the window's name for it
    std::string_view scheme; // what it computes, in one sentence
    std::string_view usedBy; // who else integrates the model this way
};

// Every scheme, in the order the window and messages list them.
std::span<const IntegratorInfo> integratorCatalogue();
std::span<const IntegratorKind> allIntegrators();
const IntegratorInfo& integratorInfo(IntegratorKind kind);

std::string_view integratorId(IntegratorKind kind);
std::string_view integratorTitle(IntegratorKind kind);
std::optional<IntegratorKind> integratorFromId(std::string_view id);
// "euler, semi-implicit, half-step, rk4, rk45", for messages and help.
std::string_view integratorIdList();
inline bool isFixedStep(IntegratorKind kind) { return kind != IntegratorKind::RK45; }

} // namespace izh
