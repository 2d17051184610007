// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/json_location.h"

#include <string>
#include <vector>

namespace izh {

TextPosition positionOfOffset(std::string_view text, std::size_t offset) {
    TextPosition position;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++position.column; // not a UTF-8 continuation byte: a new character
        }
    }
    return position;
}

namespace {

struct Frame {
    bool isArray;
    std::string key;       // objects: the key whose value comes next
    std::size_t keyAt = 0; // and where it begins
    std::size_t index = 0; // arrays: the element that comes next
    bool expectsKey = true;
};

// The path of the value that begins now, in the form parameter-file errors use.
std::string pathOf(const std::vector<Frame>& frames) {
    std::string path;
    for (const auto& frame : frames) {
        if (frame.isArray) {
            path += '[';
            path += std::to_string(frame.index);
            path += ']';
        } else {
            if (!path.empty())
                path += '.';
            path += frame.key;
        }
    }
    return path;
}

// One past the closing quote of the string that opens at `begin`, or npos.
std::size_t endOfString(std::string_view text, std::size_t begin) {
    for (std::size_t i = begin + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i + 1;
    }
    return std::string_view::npos;
}

bool endsToken(char ch) {
    return ch == ',' || ch == '}' || ch == ']' || ch == ' ' || ch == '\t' || ch == '\r' ||
           ch == '\n';
}

} // namespace

std::optional<std::size_t> offsetOfJsonPath(std::string_view text, std::string_view path,
                                            JsonPart part) {
    std::optional<std::size_t> found;
    std::vector<Frame> frames;
    auto valueBegins = [&](std::size_t at) {
        if (pathOf(frames) != path)
            return;
        const bool hasKey = !frames.empty() && !frames.back().isArray;
        found = part == JsonPart::Key && hasKey ? frames.back().keyAt : at;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char ch = text[i];
        switch (ch) {
        case ' ':
        case '\t':
        case '\r':
        case '\n':
        case ':': ++i; break;
        case '{':
        case '[':
            valueBegins(i);
            frames.push_back({ch == '[', {}, 0, ch == '{'});
            ++i;
            break;
        case '}':
        case ']':
            if (frames.empty())
                return found;
            frames.pop_back();
            ++i;
            break;
        case ',':
            if (!frames.empty()) {
                if (frames.back().isArray)
                    ++frames.back().index;
                else
                    frames.back().expectsKey = true;
            }
            ++i;
            break;
        case '"': {
            const std::size_t end = endOfString(text, i);
            if (end == std::string_view::npos)
                return found;
            if (!frames.empty() && !frames.back().isArray && frames.back().expectsKey) {
                frames.back().key = std::string(text.substr(i + 1, end - i - 2));
                frames.back().keyAt = i;
                frames.back().expectsKey = false;
            } else {
                valueBegins(i);
            }
            i = end;
            break;
        }
        default: // a number or a literal
            valueBegins(i);
            while (i < text.size() && !endsToken(text[i]))
                ++i;
        }
    }
    return found;
}

} // namespace izh
