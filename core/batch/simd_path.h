// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace izh {

// The instruction sets the batch engine's kernels are compiled for; Auto
// asks for the widest one this CPU has.
enum class SimdPath { Auto, Baseline, Avx2, Avx512 };

// The path a request resolves to on this CPU: Auto to the widest available;
// Avx512 falls back to Avx2, and Avx2 to Baseline, when the CPU lacks them.
SimdPath resolveSimdPath(SimdPath requested);
const char* simdPathName(SimdPath path);

} // namespace izh
