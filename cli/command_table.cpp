// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command_table.h"

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        windowCommand(),   helpCommand(),    versionCommand(), listPresetsCommand(),
        simulateCommand(), sweepCommand(),   exportCommand(),  galleryCommand(),
        uiBenchmarkCommand(),
    };
    return all;
}

const Command& commandFor(Invocation::Mode mode) {
    for (const Command& command : commands())
        if (command.mode == mode)
            return command;
    return commands().front();
}
