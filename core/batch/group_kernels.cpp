// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/group_kernels.h"

namespace izh::batch {

// Defined in the generated units (group_kernel.cpp.in).
#define IZH_DECLARE_KERNELS(isa)                                                               \
    bool runGroupEuler##isa(Group&, const RunControl&);                                        \
    bool runGroupSemiImplicit##isa(Group&, const RunControl&);                                 \
    bool runGroupHalfStep##isa(Group&, const RunControl&);                                     \
    bool runGroupRK4##isa(Group&, const RunControl&);
IZH_DECLARE_KERNELS(Sse2)
#if IZH_BATCH_X86
IZH_DECLARE_KERNELS(Avx2)
IZH_DECLARE_KERNELS(Avx512)
#endif
#undef IZH_DECLARE_KERNELS

namespace {

// Indexed by Kind.
constexpr GroupKernel kBaseline[] = {runGroupEulerSse2, runGroupSemiImplicitSse2,
                                     runGroupHalfStepSse2, runGroupRK4Sse2};
#if IZH_BATCH_X86
constexpr GroupKernel kAvx2[] = {runGroupEulerAvx2, runGroupSemiImplicitAvx2,
                                 runGroupHalfStepAvx2, runGroupRK4Avx2};
constexpr GroupKernel kAvx512[] = {runGroupEulerAvx512, runGroupSemiImplicitAvx512,
                                   runGroupHalfStepAvx512, runGroupRK4Avx512};
#endif

} // namespace

GroupKernel groupKernel(Kind kind, SimdPath path) {
    const auto index = static_cast<std::size_t>(kind);
#if IZH_BATCH_X86
    if (path == SimdPath::Avx512)
        return kAvx512[index];
    if (path == SimdPath::Avx2)
        return kAvx2[index];
#endif
    (void)path;
    return kBaseline[index];
}

} // namespace izh::batch
