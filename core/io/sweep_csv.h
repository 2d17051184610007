// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/parameter_sweep.h"
#include "core/io/csv_format.h"

namespace izh {

// The sweep CSV of docs/file-formats.md#sweep-csv: X,Y,spike_count,first_spike_ms,rate_hz,cv_isi,pattern
// with the two swept names as the first two headers; one row per grid point,
// X varying fastest; numbers in shortest round-trip form with '.'; an
// undefined first spike or CV (fewer than one spike / two ISIs) is an empty
// field; pattern is a firing-pattern id or "diverged".
bool writeSweepCsv(const SweepResult& sweep, const ChunkWriter& write);

} // namespace izh
