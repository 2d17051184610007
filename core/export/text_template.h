// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace izh {

// A small template language for the exported scripts (core/export/templates):
//   {{name}}             the value `name`
//   {{#flag}}…{{/flag}}  the text between, when `flag` is set
//   {{^flag}}…{{/flag}}  the text between, when it is not
//   {{>name}}            the template `name`, filled with the same values
// A section tag alone on its line takes the line with it. A template is the
// exact content of its file, final newline included.
struct TemplateValues {
    std::map<std::string, std::string, std::less<>> text;
    std::set<std::string, std::less<>> flags;
};

// The text of the template `name` (e.g. "brian2.py"): the files embedded at
// build time (core/CMakeLists.txt). Throws std::out_of_range for another name.
std::string_view exportTemplate(std::string_view name);

// `name` filled with `values`. A placeholder without a value, or a section
// left open, throws std::logic_error: a mistake in the template, which the
// export tests meet at once.
std::string fillTemplate(std::string_view name, const TemplateValues& values);

} // namespace izh
