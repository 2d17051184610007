// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <string>

// Arguments as strings, and back to the bytes they were. A path need not be
// UTF-8: each byte that is not part of UTF-8 text becomes U+DC80 + the byte
// (a lone surrogate, as Python's "surrogateescape" does), and encodePath
// turns it back, so a file is written under the very name it was given.
QString decodeArgument(const char* argument);
QStringList decodeArguments(int argc, char** argv);
std::string encodePath(const QString& path);

// A value as messages show it: at most `longest` characters.
std::string shownValue(const QString& value, int longest = 80);
