// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the JSON parameter-file loader (docs/file-formats.md#parameter-files). Any input must
// either load or be refused with InvalidInput naming a field; no other
// exception, crash, leak or undefined behaviour. A file that loads must save
// and load back to the same request (formatParameterFile round trip).
#include "core/base/invalid_input.h"
#include "core/io/parameter_file.h"
#include "core/presets/preset_library.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > izh::kMaxParameterFileBytes)
        return -1; // the GUI and the CLI read at most this much
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const izh::SimulationRequest base = izh::defaultRequest();
    izh::ParameterFileContents contents;
    try {
        contents = izh::parseParameterFile(text, base);
    } catch (const izh::InvalidInput&) {
        return 0;
    }
    // Loaded: saving and loading again gives back the same request.
    const std::string saved = izh::formatParameterFile(contents.request);
    try {
        const auto again = izh::parseParameterFile(saved, base);
        if (!(again.request == contents.request))
            std::abort();
    } catch (const izh::InvalidInput&) {
        std::abort(); // a saved file must always load
    }
    return 0;
}
