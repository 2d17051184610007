// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli/invocation.h"

#include <QStringList>

Invocation parseCommandLine(const QStringList& arguments);
