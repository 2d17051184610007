// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace izh {

// The cells the batch engine steps together: eight interleaved vectors of
// four lanes (core/batch/batch_group.h).
inline constexpr std::size_t kBatchGroupCells = 32;

} // namespace izh
