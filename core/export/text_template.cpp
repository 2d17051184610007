// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/text_template.h"

#include <optional>
#include <stdexcept>
#include <vector>

namespace izh {

namespace {

struct Tag {
    std::size_t begin, end; // [begin, end) of "{{…}}", widened to its line when standalone
    char kind;              // 0 (a value), '#', '^', '/', '>'
    std::string_view name;
};

// The next tag at or after `from`, or nullopt.
std::optional<Tag> nextTag(std::string_view text, std::size_t from, std::string_view templateName) {
    const std::size_t open = text.find("{{", from);
    if (open == std::string_view::npos)
        return std::nullopt;
    const std::size_t close = text.find("}}", open);
    if (close == std::string_view::npos)
        throw std::logic_error("template " + std::string(templateName) + ": unclosed {{");
    Tag tag{open, close + 2, 0, text.substr(open + 2, close - open - 2)};
    if (!tag.name.empty() && std::string_view("#^/>").find(tag.name.front()) != std::string_view::npos) {
        tag.kind = tag.name.front();
        tag.name.remove_prefix(1);
    }
    // A section tag alone on its line (but for indentation) takes the line.
    if (tag.kind == '#' || tag.kind == '^' || tag.kind == '/') {
        std::size_t lineStart = open;
        while (lineStart > 0 && text[lineStart - 1] == ' ')
            --lineStart;
        const bool startsLine = lineStart == 0 || text[lineStart - 1] == '\n';
        if (startsLine && tag.end < text.size() && text[tag.end] == '\n') {
            tag.begin = lineStart;
            tag.end += 1;
        }
    }
    return tag;
}

void fill(std::string_view text, std::string_view templateName, const TemplateValues& values,
          std::string& out, int depth) {
    if (depth > 8)
        throw std::logic_error("template " + std::string(templateName) + ": includes too deep");
    // Open sections, each with whether its text is kept.
    struct Section {
        std::string_view name;
        bool kept;
    };
    std::vector<Section> open;
    auto keeping = [&] {
        for (const auto& section : open)
            if (!section.kept)
                return false;
        return true;
    };
    std::size_t at = 0;
    while (auto tag = nextTag(text, at, templateName)) {
        if (keeping())
            out.append(text.substr(at, tag->begin - at));
        at = tag->end;
        const std::string name(tag->name);
        switch (tag->kind) {
        case '#':
        case '^':
            open.push_back({tag->name, values.flags.contains(name) == (tag->kind == '#')});
            break;
        case '/':
            if (open.empty() || open.back().name != tag->name)
                throw std::logic_error("template " + std::string(templateName) +
                                       ": {{/" + name + "}} closes no open section");
            open.pop_back();
            break;
        case '>':
            if (keeping())
                fill(exportTemplate(name), name, values, out, depth + 1);
            break;
        default:
            if (!keeping())
                break;
            const auto value = values.text.find(name);
            if (value == values.text.end())
                throw std::logic_error("template " + std::string(templateName) +
                                       ": no value for {{" + name + "}}");
            out.append(value->second);
        }
    }
    if (!open.empty())
        throw std::logic_error("template " + std::string(templateName) + ": section " +
                               std::string(open.back().name) + " is not closed");
    out.append(text.substr(at));
}

} // namespace

std::string fillTemplate(std::string_view name, const TemplateValues& values) {
    std::string out;
    fill(exportTemplate(name), name, values, out, 0);
    return out;
}

} // namespace izh
