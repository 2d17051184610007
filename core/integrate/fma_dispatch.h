// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which copy of the fixed-step loop runs the schemes with fused multiply-adds
// (rk4). A fused multiply-add is correctly rounded however it is computed, so
// both copies give the same bits; the copy compiled for the FMA instructions
// is faster, the other emulates them exactly (fused_multiply_add.h) and runs
// on any x86-64 CPU.

#if defined(__x86_64__) || defined(__i386__)
#define IZH_X86_FMA_DISPATCH 1
#else
#define IZH_X86_FMA_DISPATCH 0 // elsewhere the baseline has FMA, or the emulation serves
#endif

namespace izh {

// True when the CPU has FMA (and the OS saves AVX state) and tests have not
// turned the FMA copy off.
bool useHardwareFma();

// For tests: run the emulating copy even where the CPU has FMA, to check that
// the two give the same results.
void setHardwareFmaAllowed(bool allowed);

} // namespace izh
