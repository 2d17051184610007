// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/simulation_request.h"

#include <QUndoCommand>
#include <functional>

// One undo step: the request before and after a finished edit (a slider drag,
// a spin-box entry, a preset or file loaded). `apply` puts a request into
// effect (widgets and simulation). The edit itself already happened when the
// command is pushed, so the first redo does nothing.
class ParameterChangeCommand : public QUndoCommand {
public:
    ParameterChangeCommand(izh::SimulationRequest before, izh::SimulationRequest after,
                           std::function<void(const izh::SimulationRequest&)> apply,
                           const QString& text)
        : QUndoCommand(text), before_(std::move(before)), after_(std::move(after)),
          apply_(std::move(apply)) {}

    void undo() override { apply_(before_); }
    void redo() override {
        if (first_) {
            first_ = false;
            return;
        }
        apply_(after_);
    }

private:
    izh::SimulationRequest before_, after_;
    std::function<void(const izh::SimulationRequest&)> apply_;
    bool first_ = true;
};
