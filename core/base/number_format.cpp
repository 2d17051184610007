// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/number_format.h"

#include <array>
#include <charconv>

namespace izh {

std::string formatNumber(double value) {
    std::string text;
    appendNumber(text, value);
    return text;
}

void appendNumber(std::string& out, double value) {
    std::array<char, 32> buffer;
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    (void)ec; // 32 characters always suffice for a double's shortest form
    out.append(buffer.data(), end);
}

std::optional<double> parseNumber(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range)
        return std::nullopt;
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace izh
