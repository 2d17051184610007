// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace izh {

// The five schemes of docs/integrators.md; their ids are stable (CLI, files, presets).
enum class IntegratorKind { Euler, SemiImplicit, HalfStep, RK4, RK45 };

std::string_view integratorId(IntegratorKind kind);
std::string_view integratorTitle(IntegratorKind kind);
std::optional<IntegratorKind> integratorFromId(std::string_view id);
const std::vector<IntegratorKind>& allIntegrators();
inline bool isFixedStep(IntegratorKind kind) { return kind != IntegratorKind::RK45; }

} // namespace izh
