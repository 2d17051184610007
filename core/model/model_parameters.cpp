// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/model_parameters.h"

#include "core/base/invalid_input.h"
#include "core/base/number_format.h"

#include <cmath>
#include <utility>

namespace izh {

namespace {
// The stored parameters by name, in docs/model.md's order; u0 (optional, b·v0
// when unset) is handled beside them.
constexpr std::pair<std::string_view, double ModelParameters::*> kFields[] = {
    {"a", &ModelParameters::a},   {"b", &ModelParameters::b},         {"c", &ModelParameters::c},
    {"d", &ModelParameters::d},   {"vpeak", &ModelParameters::vpeak}, {"p2", &ModelParameters::p2},
    {"p1", &ModelParameters::p1}, {"p0", &ModelParameters::p0},       {"vb", &ModelParameters::vb},
    {"e", &ModelParameters::e},   {"v0", &ModelParameters::v0}};

template <class Self> auto* fieldFor(Self& p, std::string_view name) {
    for (const auto& [fieldName, member] : kFields)
        if (fieldName == name)
            return &(p.*member);
    return static_cast<decltype(&(p.*kFields[0].second))>(nullptr);
}
} // namespace

const std::vector<std::string_view>& ModelParameters::names() {
    static const std::vector<std::string_view> all = [] {
        std::vector<std::string_view> names;
        for (const auto& field : kFields)
            names.push_back(field.first);
        names.push_back("u0");
        return names;
    }();
    return all;
}

bool ModelParameters::isName(std::string_view name) {
    for (auto n : names())
        if (n == name)
            return true;
    return false;
}

double ModelParameters::get(std::string_view name) const {
    if (name == "u0")
        return initialU();
    if (auto* field = fieldFor(*this, name))
        return *field;
    throw InvalidInput(std::string(name), "unknown parameter");
}

void ModelParameters::set(std::string_view name, double value) {
    requireFinite(name, value);
    if (name == "u0") {
        u0 = value;
        return;
    }
    if (auto* field = fieldFor(*this, name)) {
        *field = value;
        return;
    }
    throw InvalidInput(std::string(name), "unknown parameter");
}

void ModelParameters::validate() const {
    // By member: a sweep validates every cell, and a lookup by name per
    // field was a tenth of a sweep's set-up.
    for (const auto& [name, field] : kFields)
        requireFinite(name, this->*field);
    requireFinite("u0", initialU());
    if (vpeak <= c)
        throw InvalidInput("vpeak", "must be above the reset c (" + formatNumber(c) +
                                        "), or every reset would spike again");
    if (v0 >= vpeak)
        throw InvalidInput("v0", "must be below vpeak (" + formatNumber(vpeak) + ")");
}

} // namespace izh
