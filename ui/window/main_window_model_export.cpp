// SPDX-License-Identifier: GPL-3.0-or-later
// File ▸ Export ▸ NESTML model…, PyNEST script…, Brian2 script… (docs/command-line.md#exports):
// the parameters as they stand in the panel, written atomically.
#include "ui/window/main_window.h"

#include "core/export/model_export.h"
#include "ui/files/atomic_outputs.h"
#include "ui/window/parameter_panel.h"

#include <string>

bool MainWindow::writeModelExport(const QString& path, const std::string& text) {
    QString error;
    if (!writeFileAtomically("export", path, text, &error)) {
        showError("Cannot export the model", error);
        return false;
    }
    return true;
}

bool MainWindow::exportNestml(const QString& path) {
    return writeModelExport(path, izh::exportNestml(parameters_->request()));
}

bool MainWindow::exportPynest(const QString& path) {
    return writeModelExport(path, izh::exportPynest(parameters_->request()));
}

bool MainWindow::exportBrian2(const QString& path) {
    return writeModelExport(path, izh::exportBrian2(parameters_->request()));
}

void MainWindow::exportNestmlInteractive() {
    const QString path = askSavePath("Export NESTML model", "NESTML (*.nestml)", "nestml");
    if (!path.isEmpty())
        exportNestml(path);
}

void MainWindow::exportPynestInteractive() {
    const QString path = askSavePath("Export PyNEST script", "Python (*.py)", "py");
    if (!path.isEmpty())
        exportPynest(path);
}

void MainWindow::exportBrian2Interactive() {
    const QString path = askSavePath("Export Brian2 script", "Python (*.py)", "py");
    if (!path.isEmpty())
        exportBrian2(path);
}
