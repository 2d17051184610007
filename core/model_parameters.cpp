#include "model_parameters.h"

#include "invalid_input.h"
#include "number_format.h"

#include <cmath>
#include <utility>

namespace izh {

void throwNotFinite(std::string_view field, double value) {
    if (std::isnan(value))
        throw InvalidInput(std::string(field), "must be a number, not NaN");
    throw InvalidInput(std::string(field), "must be finite, not infinite");
}

const std::vector<std::string_view>& ModelParameters::names() {
    static const std::vector<std::string_view> all = {"a",  "b",  "c",  "d", "vpeak", "p2",
                                                      "p1", "p0", "vb", "e", "v0",    "u0"};
    return all;
}

bool ModelParameters::isName(std::string_view name) {
    for (auto n : names())
        if (n == name)
            return true;
    return false;
}

namespace {
template <class Self> auto* fieldFor(Self& p, std::string_view name) {
    if (name == "a") return &p.a;
    if (name == "b") return &p.b;
    if (name == "c") return &p.c;
    if (name == "d") return &p.d;
    if (name == "vpeak") return &p.vpeak;
    if (name == "p2") return &p.p2;
    if (name == "p1") return &p.p1;
    if (name == "p0") return &p.p0;
    if (name == "vb") return &p.vb;
    if (name == "e") return &p.e;
    if (name == "v0") return &p.v0;
    return static_cast<decltype(&p.a)>(nullptr);
}
} // namespace

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
    // By member, in names()'s order: a sweep validates every cell, and a
    // lookup by name per field was a tenth of a sweep's set-up.
    static constexpr std::pair<std::string_view, double ModelParameters::*> kFields[] = {
        {"a", &ModelParameters::a},         {"b", &ModelParameters::b},
        {"c", &ModelParameters::c},         {"d", &ModelParameters::d},
        {"vpeak", &ModelParameters::vpeak}, {"p2", &ModelParameters::p2},
        {"p1", &ModelParameters::p1},       {"p0", &ModelParameters::p0},
        {"vb", &ModelParameters::vb},       {"e", &ModelParameters::e},
        {"v0", &ModelParameters::v0}};
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
