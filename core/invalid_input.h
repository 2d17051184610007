#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

namespace izh {

// Raised for any input the user can get wrong: it names the offending field so
// that every front end can print "error: NAME: reason" (SPEC §6).
class InvalidInput : public std::runtime_error {
public:
    InvalidInput(std::string field, std::string reason)
        : std::runtime_error(field + ": " + reason), field_(std::move(field)),
          reason_(std::move(reason)) {}

    const std::string& field() const noexcept { return field_; }
    const std::string& reason() const noexcept { return reason_; }

private:
    std::string field_;
    std::string reason_;
};

[[noreturn]] void throwNotFinite(std::string_view field, double value);

// Throws InvalidInput unless value is a finite number. (A view: the field's
// name becomes a string only when it is reported; sweeps check every cell,
// so the check itself is inline.)
inline void requireFinite(std::string_view field, double value) {
    if (!std::isfinite(value)) [[unlikely]]
        throwNotFinite(field, value);
}

} // namespace izh
