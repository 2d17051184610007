// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace izh {

// A line and column in a text, both counted from 1.
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

// What is wrong with an input, and where: the field ("model.a", "dt",
// "sweep"), and for input read from a file, the file as the user named it
// and the line and column. message() joins the parts that are known,
//   FILE:LINE:COLUMN: FIELD: reason
// the form compilers use, so that editors can jump to it.
struct Diagnostic {
    std::string field;
    std::string reason;
    std::string file;
    std::optional<TextPosition> position;

    std::string message() const {
        std::string text = file;
        if (position) {
            const std::string line = std::to_string(position->line);
            const std::string column = std::to_string(position->column);
            if (file.empty())
                text.append("line ").append(line).append(", column ").append(column);
            else
                text.append(":").append(line).append(":").append(column);
        }
        for (const std::string* part : {&field, &reason}) {
            if (part->empty())
                continue;
            if (!text.empty())
                text += ": ";
            text += *part;
        }
        return text;
    }
};

// Raised for any input the user can get wrong; every front end prints its
// message as "error: " + what() (docs/command-line.md#exit-status).
class InvalidInput : public std::runtime_error {
public:
    InvalidInput(std::string field, std::string reason)
        : InvalidInput(Diagnostic{std::move(field), std::move(reason), {}, {}}) {}
    explicit InvalidInput(Diagnostic diagnostic)
        : std::runtime_error(diagnostic.message()), diagnostic_(std::move(diagnostic)) {}

    const std::string& field() const noexcept { return diagnostic_.field; }
    const std::string& reason() const noexcept { return diagnostic_.reason; }
    const Diagnostic& diagnostic() const noexcept { return diagnostic_; }

    // The same error, found in `file` (empty: a text without a name) at `position`.
    InvalidInput located(std::string file, std::optional<TextPosition> position) const {
        Diagnostic located = diagnostic_;
        located.file = std::move(file);
        located.position = position;
        return InvalidInput(std::move(located));
    }

private:
    Diagnostic diagnostic_;
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
