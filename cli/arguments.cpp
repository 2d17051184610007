// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/arguments.h"

#include <cstring>

namespace {

// The length of the UTF-8 sequence at `text` (1 to 4), or 0 if none starts there.
int utf8Length(const unsigned char* text, std::size_t left) {
    const unsigned char lead = text[0];
    int length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                                 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (length == 0 || static_cast<std::size_t>(length) > left)
        return 0;
    for (int i = 1; i < length; ++i)
        if ((text[i] & 0xC0) != 0x80)
            return 0;
    // Overlong forms, surrogates and values beyond U+10FFFF are not UTF-8.
    if ((lead == 0xE0 && text[1] < 0xA0) || (lead == 0xED && text[1] > 0x9F) ||
        (lead == 0xF0 && text[1] < 0x90) || (lead == 0xF4 && text[1] > 0x8F))
        return 0;
    return length;
}

} // namespace

QString decodeArgument(const char* argument) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(argument);
    const std::size_t size = std::strlen(argument);
    QString text;
    for (std::size_t i = 0; i < size;) {
        const int length = utf8Length(bytes + i, size - i);
        if (length == 0) {
            text.append(QChar(char16_t(0xDC00 + bytes[i])));
            ++i;
        } else {
            text.append(QString::fromUtf8(argument + i, length));
            i += static_cast<std::size_t>(length);
        }
    }
    return text;
}

QStringList decodeArguments(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << decodeArgument(argv[i]);
    return arguments;
}

std::string encodePath(const QString& path) {
    std::string bytes;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char16_t unit = path.at(i).unicode();
        if (unit >= 0xDC80 && unit <= 0xDCFF) { // an escaped byte
            bytes.push_back(static_cast<char>(unit - 0xDC00));
            continue;
        }
        qsizetype length = 1;
        if (QChar::isHighSurrogate(unit) && i + 1 < path.size() && path.at(i + 1).isLowSurrogate())
            length = 2;
        bytes += path.mid(i, length).toStdString();
        i += length - 1;
    }
    return bytes;
}

std::string shownValue(const QString& value, int longest) {
    if (value.size() <= longest)
        return value.toStdString();
    return value.left(longest).toStdString() + "… (" + std::to_string(value.size()) +
           " characters)";
}
