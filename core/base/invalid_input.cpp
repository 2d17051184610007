// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/invalid_input.h"

namespace izh {

void throwNotFinite(std::string_view field, double value) {
    if (std::isnan(value))
        throw InvalidInput(std::string(field), "must be a number, not NaN");
    throw InvalidInput(std::string(field), "must be finite, not infinite");
}

} // namespace izh
