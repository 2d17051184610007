// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the fuzzers' seed corpus into DIR/parameter_file and DIR/cli_values:
// every preset's parameter file (formatParameterFile), and for the CLI target
// each preset's settable values as NAME=VALUE lines.
#include "core/base/number_format.h"
#include "core/io/parameter_file.h"
#include "core/model/parameter_catalogue.h"
#include "core/presets/preset_library.h"

#include <filesystem>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_seed_corpus DIR\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir / "parameter_file");
    std::filesystem::create_directories(dir / "cli_values");
    for (const auto& preset : izh::presets()) {
        std::ofstream(dir / "parameter_file" / (preset.id + ".json"))
            << izh::formatParameterFile(preset.request);
        std::ofstream cli(dir / "cli_values" / (preset.id + ".txt"));
        cli << "preset=" << preset.id << '\n';
        for (const auto& parameter : izh::parameterCatalogue())
            cli << parameter.name << '=' << izh::formatNumber(parameter.get(preset.request)) << '\n';
    }
    std::cout << izh::presets().size() << " presets written to " << dir.string() << '\n';
    return 0;
}
