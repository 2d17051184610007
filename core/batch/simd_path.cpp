// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/simd_path.h"

#include "core/batch/lane_vectors.h"

namespace izh {

SimdPath resolveSimdPath(SimdPath requested) {
#if IZH_BATCH_X86
    if (requested == SimdPath::Baseline)
        return SimdPath::Baseline;
    __builtin_cpu_init();
    // Both AVX paths fuse rk4's multiply-adds with FMA instructions.
    const bool fma = __builtin_cpu_supports("fma");
    const bool avx512 =
        fma && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    if (avx512 && (requested == SimdPath::Auto || requested == SimdPath::Avx512))
        return SimdPath::Avx512;
    return fma && __builtin_cpu_supports("avx2") ? SimdPath::Avx2 : SimdPath::Baseline;
#else
    (void)requested;
    return SimdPath::Baseline;
#endif
}

const char* simdPathName(SimdPath path) {
    switch (path) {
    case SimdPath::Auto: return "auto";
    case SimdPath::Baseline: return "baseline (SSE2)";
    case SimdPath::Avx2: return "avx2";
    case SimdPath::Avx512: return "avx512vl";
    }
    return "?";
}

} // namespace izh
