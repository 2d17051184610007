// SPDX-License-Identifier: GPL-3.0-or-later
// --help, --version and --list-presets: they print and write nothing.
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "core/presets/preset_library.h"

Command helpCommand() {
    Command command{Invocation::Mode::Help};
    command.run = [](const Invocation& invocation, Console& console) {
        console.out << invocation.helpText;
        return int(ExitDone);
    };
    return command;
}

Command versionCommand() {
    Command command{Invocation::Mode::Version};
    command.run = [](const Invocation&, Console& console) {
        console.out << "izhikevich-explorer " << IZH_VERSION << '\n';
        return int(ExitDone);
    };
    return command;
}

Command listPresetsCommand() {
    Command command{Invocation::Mode::ListPresets, {"list-presets"}};
    command.options = {QCommandLineOption("list-presets", "List the presets: ID<TAB>title.")};
    command.run = [](const Invocation&, Console& console) {
        for (const auto& preset : izh::presets())
            console.out << QString::fromStdString(preset.id) << '\t'
                        << QString::fromStdString(preset.title) << '\n';
        return int(ExitDone);
    };
    return command;
}
