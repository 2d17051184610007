// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/integrate/trajectory.h"

#include <functional>
#include <string_view>
#include <vector>

namespace izh {

// CSV of docs/file-formats.md#csv-files: comma-separated, a header row, '.' as decimal point in every
// locale, numbers in their shortest round-trip form. Output goes to `write` in
// pieces of about a megabyte, so a long trace never exists twice in memory;
// `write` returns false to abort (e.g. disk full), and so does the function.
using ChunkWriter = std::function<bool(std::string_view)>;

// t_ms,v_mV,u,I — one row per sample.
bool writeTrajectoryCsv(const Trajectory& trajectory, const ChunkWriter& write);

// spike_ms — one row per spike.
bool writeSpikesCsv(const std::vector<double>& spikeTimes, const ChunkWriter& write);

} // namespace izh
