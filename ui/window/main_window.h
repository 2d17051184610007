// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/presets/preset_library.h"
#include "ui/controller/simulation_controller.h"

#include <QMainWindow>
#include <QPointer>
#include <QUndoStack>
#include <memory>

class AnalysisDock;
class ParameterPanel;
class PlotPanel;
class QLabel;
class QMenu;
class QTreeWidget;
class QTreeWidgetItem;
class QSplitter;
class SweepWindow;
class QProgressBar;

// The explorer: preset picker and parameter controls on the left, the
// stacked plots in the centre, the spike-train read-out at the bottom. Every
// parameter change goes to the SimulationController; results come back on
// the GUI thread already reduced for the plots.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a preset (by id) or a whole request, as one undoable step.
    bool loadPreset(const QString& id);
    void loadRequest(const izh::SimulationRequest& request, const QString& presetId = {});

    // File operations; each returns false after showing a dialog naming the problem.
    bool openParameterFile(const QString& path);
    bool saveParameterFile(const QString& path);
    bool exportTrajectoryCsv(const QString& path);
    bool exportSpikesCsv(const QString& path);
    bool exportPng(const QString& path, QSize size = {}, qreal scale = 2.0);
    bool exportSvg(const QString& path);
    // Model exports (main_window_model_export.cpp): the current parameters as
    // NESTML, a PyNEST script or a Brian2 script (core/export/model_export.h).
    bool exportNestml(const QString& path);
    bool exportPynest(const QString& path);
    bool exportBrian2(const QString& path);

    void setDarkPalette(bool dark);
    void pinCurrentTrace();
    void showGallery(izh::PresetGroup group); // the published figure; click loads a panel
    SweepWindow* showSweep();                 // two-parameter sweep; click loads a cell
    void clearPin();

    ParameterPanel* parameterPanel() const { return parameters_; }
    PlotPanel* plotPanel() const { return plots_; }
    AnalysisDock* analysisDock() const { return analysis_; }
    SimulationController* controller() { return &controller_; }
    QUndoStack* undoStack() { return &undo_; }
    QTreeWidget* presetPicker() const { return presetTree_; }
    QString readoutText() const;
    QString lastError() const { return lastError_; }

    void restoreSettings();
    void saveSettings() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    QWidget* buildLeftPanel();
    void onResult(const std::shared_ptr<const SimulationResult>& result);
    void onHover(double t);
    void showPresetInfo(const QString& id);
    void applyRequest(const izh::SimulationRequest& request); // no undo step
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void showError(const QString& title, const QString& message);
    template <class WriteCsv>
    bool exportResultCsv(const QString& label, const QString& noun, const QString& path,
                         WriteCsv writeCsv);
    QString askSavePath(const QString& caption, const QString& filter, const QString& suffix);
    void exportNestmlInteractive();
    void exportPynestInteractive();
    void exportBrian2Interactive();
    bool writeModelExport(const QString& path, const std::string& text);

    SimulationController controller_;
    QUndoStack undo_;
    ParameterPanel* parameters_ = nullptr;
    PlotPanel* plots_ = nullptr;
    AnalysisDock* analysis_ = nullptr;
    QPointer<SweepWindow> sweep_;
    QTreeWidget* presetTree_ = nullptr;
    QLabel* presetInfo_ = nullptr;
    QLabel* statsLabel_ = nullptr;
    QLabel* hoverLabel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* darkAction_ = nullptr;
    QString presetId_;
    QString currentFile_;
    QString lastError_;
    bool dark_ = false;
};
