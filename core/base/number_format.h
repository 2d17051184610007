// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace izh {

// Shortest decimal text that reads back to exactly the same double, with '.'
// as the decimal point whatever the locale (std::to_chars ignores locales).
std::string formatNumber(double value);
// The same, appended to `out` (no temporary string: for bulk output).
void appendNumber(std::string& out, double value);

// Parses a whole string as a decimal number, locale-independently. Returns
// nullopt for anything that is not entirely a number (trailing junk, empty).
// NaN and infinities are returned as such: callers decide whether to refuse.
std::optional<double> parseNumber(std::string_view text);

} // namespace izh
