// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/invalid_input.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace izh {

// Where things are in a JSON text, for messages that point into a file: the
// parser reports byte offsets, and field errors know only the field's path.

// The line and column (in characters, counting a UTF-8 sequence as one) of
// byte `offset`; an offset past the end gives the position after the last byte.
TextPosition positionOfOffset(std::string_view text, std::size_t offset);

enum class JsonPart { Value, Key };

// The offset where the value at `path` (or, for an object's member, its key)
// begins in the JSON document `text`: keys joined by '.', array elements as
// [i], e.g. "protocol.steps[1].t_off" (the paths parameter-file errors name).
// Of duplicate keys, the last one, which is the one the parser keeps. Nothing
// when the path is not there or the text stops being valid JSON before it.
std::optional<std::size_t> offsetOfJsonPath(std::string_view text, std::string_view path,
                                            JsonPart part = JsonPart::Value);

} // namespace izh
