// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/batch_group.h"
#include "core/batch/simd_path.h"
#include "core/integrate/run_control.h"

// One kernel function per scheme and instruction set, each in a translation
// unit of its own (generated from group_kernel.cpp.in), so that no unit
// instantiates more than one scheme's step loops: the kernels are large, and
// all of them in one unit took minutes and gigabytes to compile.
namespace izh::batch {

// Runs a loaded group to the end; false if cancelled.
using GroupKernel = bool (*)(Group& group, const RunControl& control);

// The kernel of `kind` for `path` (a resolved path: Baseline, Avx2 or Avx512).
GroupKernel groupKernel(Kind kind, SimdPath path);

} // namespace izh::batch
