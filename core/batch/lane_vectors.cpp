// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/lane_vectors.h"

namespace izh::batch {

void emulatedLaneFma(V& out, const V& a, const V& b, const V& c) {
    fusedMultiplyAddLanes(out, a, b, c);
}

} // namespace izh::batch
