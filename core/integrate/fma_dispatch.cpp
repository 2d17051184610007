// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/integrate/fma_dispatch.h"

#include <atomic>

namespace izh {

namespace {

bool cpuHasFma() {
#if IZH_X86_FMA_DISPATCH
    __builtin_cpu_init();
    return __builtin_cpu_supports("fma"); // libgcc also checks the OS saves AVX state
#else
    return false;
#endif
}

std::atomic<bool> hardwareFmaAllowed{true};

} // namespace

bool useHardwareFma() {
    static const bool available = cpuHasFma();
    return available && hardwareFmaAllowed.load(std::memory_order_relaxed);
}

void setHardwareFmaAllowed(bool allowed) {
    hardwareFmaAllowed.store(allowed, std::memory_order_relaxed);
}

} // namespace izh
