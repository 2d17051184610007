// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/main_window.h"

#include "core/base/invalid_input.h"
#include "core/io/csv_format.h"
#include "core/io/parameter_file.h"
#include "core/presets/preset_library.h"
#include "ui/analysis/analysis_dock.h"
#include "ui/analysis/phase_plane_view.h"
#include "ui/files/atomic_outputs.h"
#include "ui/gallery/gallery_view.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_panel.h"
#include "ui/sweep/sweep_window.h"
#include "ui/window/image_size_dialog.h"
#include "ui/window/parameter_change_command.h"
#include "ui/window/parameter_panel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

namespace {

constexpr int kMaxRecentFiles = 8;

QString number(double value, int precision = 4) { return QString::number(value, 'g', precision); }

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("Izhikevich Explorer");
    setAcceptDrops(true);
    plots_ = new PlotPanel;
    splitter_ = new QSplitter(Qt::Horizontal);
    splitter_->setObjectName("mainSplitter");
    splitter_->addWidget(buildLeftPanel());
    splitter_->addWidget(plots_);
    splitter_->setStretchFactor(0, 0);
    splitter_->setStretchFactor(1, 1);
    setCentralWidget(splitter_);

    statsLabel_ = new QLabel;
    statsLabel_->setObjectName("statsReadout");
    statsLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hoverLabel_ = new QLabel;
    hoverLabel_->setObjectName("hoverReadout");
    hoverLabel_->setMinimumWidth(360);
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(160);
    progress_->setVisible(false);
    progress_->setToolTip("Long run in progress: Esc cancels");
    statusBar()->addWidget(statsLabel_, 1);
    statusBar()->addPermanentWidget(hoverLabel_);
    statusBar()->addPermanentWidget(progress_);

    analysis_ = new AnalysisDock(this);
    addDockWidget(Qt::RightDockWidgetArea, analysis_);
    analysis_->hide(); // View ▸ Analysis (Ctrl+Shift+A) opens it
    buildMenus();
    connect(&controller_, &SimulationController::resultReady, analysis_, &AnalysisDock::showResult);
    connect(plots_, &PlotPanel::hovered, analysis_, &AnalysisDock::setCursorTime);

    connect(parameters_, &ParameterPanel::requestChanged, &controller_,
            &SimulationController::simulate);
    connect(parameters_, &ParameterPanel::requestChanged, this,
            [this] { showPresetInfo(presetId_); });
    connect(parameters_, &ParameterPanel::editCommitted, this,
            [this](const izh::SimulationRequest& before, const izh::SimulationRequest& after) {
                undo_.push(new ParameterChangeCommand(
                    before, after, [this](const auto& r) { applyRequest(r); }, "Edit parameters"));
            });
    connect(&controller_, &SimulationController::resultReady, this, &MainWindow::onResult);
    connect(&controller_, &SimulationController::busyChanged, this, [this](bool busy) {
        if (!busy)
            progress_->setVisible(false);
    });
    connect(&controller_, &SimulationController::progressChanged, this, [this](double fraction) {
        progress_->setVisible(true); // only runs that last beyond one poll get here
        progress_->setValue(int(fraction * 1000));
    });
    connect(&controller_, &SimulationController::cancelled, this,
            [this] { statusBar()->showMessage("Run cancelled", 3000); });
    connect(plots_, &PlotPanel::viewChanged, &controller_, &SimulationController::setView);
    connect(plots_, &PlotPanel::hovered, this, &MainWindow::onHover);

    loadRequest(izh::defaultRequest());
    undo_.clear();
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildLeftPanel() {
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    presetTree_ = new QTreeWidget;
    presetTree_->setObjectName("presetPicker");
    presetTree_->setHeaderLabels({"Preset"});
    presetTree_->header()->setVisible(false);
    presetTree_->setMinimumHeight(200);
    std::map<izh::PresetGroup, QTreeWidgetItem*> groups;
    for (const auto& preset : izh::presets()) {
        auto*& group = groups[preset.group];
        if (!group) {
            group = new QTreeWidgetItem(presetTree_, {QString::fromUtf8(
                                                         izh::presetGroupTitle(preset.group).data())});
            group->setFlags(Qt::ItemIsEnabled);
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group, {QString::fromStdString(preset.title)});
        item->setData(0, Qt::UserRole, QString::fromStdString(preset.id));
        item->setToolTip(0, QString::fromStdString(preset.description + "\n" + preset.source));
    }
    connect(presetTree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty())
            loadPreset(id);
    });
    connect(presetTree_, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty() && id != presetId_)
            loadPreset(id);
    });
    layout->addWidget(presetTree_, 1);
    presetInfo_ = new QLabel;
    presetInfo_->setObjectName("presetInfo");
    presetInfo_->setWordWrap(true);
    presetInfo_->setTextFormat(Qt::RichText);
    layout->addWidget(presetInfo_);
    parameters_ = new ParameterPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(parameters_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(scroll, 1);
    panel->setMinimumWidth(330);
    return panel;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu("&File");
    file->addAction("&Open parameters…", QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, "Open parameter set", {},
                                                          "Parameter sets (*.json);;All files (*)");
        if (!path.isEmpty())
            openParameterFile(path);
    });
    recentMenu_ = file->addMenu("Open &recent");
    file->addAction("&Save parameters", QKeySequence::Save, this, [this] {
        const QString path = currentFile_.isEmpty()
                                 ? askSavePath("Save parameter set", "Parameter sets (*.json)", "json")
                                 : currentFile_;
        if (!path.isEmpty())
            saveParameterFile(path);
    });
    file->addAction("Save parameters &as…", QKeySequence::SaveAs, this, [this] {
        const QString path = askSavePath("Save parameter set", "Parameter sets (*.json)", "json");
        if (!path.isEmpty())
            saveParameterFile(path);
    });
    QMenu* exports = file->addMenu("&Export");
    exports->addAction("&Trajectory (CSV)…", QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
        const QString path = askSavePath("Export trajectory", "CSV (*.csv)", "csv");
        if (!path.isEmpty())
            exportTrajectoryCsv(path);
    });
    exports->addAction("&Spike times (CSV)…", this, [this] {
        const QString path = askSavePath("Export spike times", "CSV (*.csv)", "csv");
        if (!path.isEmpty())
            exportSpikesCsv(path);
    });
    exports->addAction("Plot as &PNG…", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, [this] {
        ImageSizeDialog sizeDialog(plots_->size(), this);
        if (sizeDialog.exec() != QDialog::Accepted)
            return;
        const QString path = askSavePath("Export plot", "PNG image (*.png)", "png");
        if (!path.isEmpty())
            exportPng(path, sizeDialog.imageSize(), sizeDialog.scale());
    });
    exports->addAction("Plot as S&VG…", this, [this] {
        const QString path = askSavePath("Export plot", "SVG drawing (*.svg)", "svg");
        if (!path.isEmpty())
            exportSvg(path);
    });
    exports->addSeparator();
    exports->addAction("&NESTML model…", this, [this] { exportNestmlInteractive(); });
    exports->addAction("Py&NEST script…", this, [this] { exportPynestInteractive(); });
    exports->addAction("&Brian2 script…", this, [this] { exportBrian2Interactive(); });
    file->addSeparator();
    file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu("&Edit");
    QAction* undoAction = undo_.createUndoAction(this, "&Undo");
    undoAction->setShortcut(QKeySequence::Undo);
    QAction* redoAction = undo_.createRedoAction(this, "&Redo");
    redoAction->setShortcut(QKeySequence::Redo);
    edit->addAction(undoAction);
    edit->addAction(redoAction);

    QMenu* view = menuBar()->addMenu("&View");
    view->addAction("&Reset zoom", QKeySequence(Qt::CTRL | Qt::Key_0), plots_, &PlotPanel::resetZoom);
    view->addAction("&Pin current trace", QKeySequence(Qt::CTRL | Qt::Key_P), this,
                    &MainWindow::pinCurrentTrace);
    view->addAction("&Clear pin", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), this,
                    &MainWindow::clearPin);
    view->addSeparator();
    QAction* analysis = analysis_->toggleViewAction();
    analysis->setText("&Analysis: phase plane, f–I, dt");
    analysis->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    view->addAction(analysis);
    view->addAction(analysis_->phasePlane()->vectorFieldAction());
    view->addAction("Izhikevich 2003, Fig. 2 &gallery", QKeySequence(Qt::CTRL | Qt::Key_G), this,
                    [this] { showGallery(izh::PresetGroup::Figure2003); });
    view->addAction("Izhikevich 2004, 20 &features", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G),
                    this, [this] { showGallery(izh::PresetGroup::Features2004); });
    view->addSeparator();
    darkAction_ = view->addAction("&Dark palette", QKeySequence(Qt::CTRL | Qt::Key_D), this,
                                  [this](bool on) { setDarkPalette(on); });
    darkAction_->setCheckable(true);

    QMenu* run = menuBar()->addMenu("&Simulation");
    run->addAction("&Cancel run", QKeySequence(Qt::Key_Escape), &controller_,
                   &SimulationController::cancel);
    run->addSeparator();
    run->addAction("Parameter &sweep…", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), this,
                   &MainWindow::showSweep);
    rebuildRecentMenu();
}

bool MainWindow::loadPreset(const QString& id) {
    const auto* preset = izh::findPreset(id.toStdString());
    if (!preset)
        return false;
    loadRequest(preset->request, id);
    return true;
}

void MainWindow::loadRequest(const izh::SimulationRequest& request, const QString& presetId) {
    const auto before = parameters_->request();
    presetId_ = presetId;
    showPresetInfo(presetId);
    applyRequest(request);
    plots_->resetZoom();
    if (!(before == request))
        undo_.push(new ParameterChangeCommand(
            before, request, [this](const auto& r) { applyRequest(r); },
            presetId.isEmpty() ? "Load parameters" : "Load preset " + presetId));
}

void MainWindow::applyRequest(const izh::SimulationRequest& request) {
    parameters_->setRequest(request);
    showPresetInfo(presetId_);
    controller_.simulate(request);
}

void MainWindow::showPresetInfo(const QString& id) {
    const auto* preset = izh::findPreset(id.toStdString());
    if (!preset) {
        presetInfo_->setText(id.isEmpty() ? "<i>Custom parameters</i>" : id);
        presetTree_->clearSelection();
        return;
    }
    // Once the parameters leave the preset's, say so: the description and
    // source no longer describe what is on screen.
    const bool modified = !(parameters_->request() == preset->request);
    presetInfo_->setText(QString("<b>%1</b>%4<br>%2<br><small>%3</small>")
                             .arg(QString::fromStdString(preset->title).toHtmlEscaped(),
                                  QString::fromStdString(preset->description).toHtmlEscaped(),
                                  QString::fromStdString(preset->source).toHtmlEscaped(),
                                  modified ? " <i>(modified)</i>" : ""));
    for (QTreeWidgetItemIterator it(presetTree_); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == id)
            presetTree_->setCurrentItem(*it);
}

void MainWindow::onResult(const std::shared_ptr<const SimulationResult>& result) {
    if (!result->error.isEmpty()) {
        plots_->setMessage("Not simulated: " + result->error);
        statsLabel_->setText("—");
        return;
    }
    plots_->showResult(result);
    const auto& a = result->analysis;
    QStringList parts;
    parts << QString("<b>%1</b> spikes").arg(a.spikeCount)
          << QString("rate %1 Hz").arg(number(a.meanRateHz))
          << QString("ISI CV %1").arg(a.cvIsi ? number(*a.cvIsi, 3) : "—")
          << QString("first-spike latency %1")
                 .arg(a.firstSpikeLatency ? number(*a.firstSpikeLatency) + " ms" : "—")
          << QString("<b>%1</b>").arg(QString::fromUtf8(izh::firingPatternTitle(a.pattern).data()))
          << QString("computed in %1 ms").arg(number(result->computeMs, 3));
    if (result->diverged())
        parts << QString("<span style='color:#d32f2f'>diverged at %1 ms</span>")
                     .arg(number(*result->trajectory->outcome.divergenceTime, 6));
    statsLabel_->setText(parts.join(" · "));
}

QString MainWindow::readoutText() const { return statsLabel_->text(); }

void MainWindow::onHover(double t) {
    const auto result = controller_.latestResult();
    if (std::isnan(t) || !result || !result->trajectory || result->trajectory->sampleCount() == 0) {
        hoverLabel_->clear();
        return;
    }
    const auto& trajectory = *result->trajectory;
    const auto j = static_cast<std::size_t>(
        std::clamp(std::lround(t / trajectory.dt), 0L, long(trajectory.sampleCount() - 1)));
    hoverLabel_->setText(QString("t %1 ms   v %2 mV   u %3   I %4")
                             .arg(number(trajectory.timeAt(j), 6), number(trajectory.v[j], 5),
                                  number(trajectory.u[j], 5), number(trajectory.current[j], 5)));
}

bool MainWindow::openParameterFile(const QString& path) {
    try {
        const auto contents =
            izh::readParameterFile(QFile::encodeName(path).toStdString(), izh::defaultRequest());
        loadRequest(contents.request);
        currentFile_ = path;
        addRecentFile(path);
        if (!contents.warnings.empty())
            statusBar()->showMessage(QString::fromStdString(contents.warnings.front().message()),
                                     5000);
        setWindowTitle(QFileInfo(path).fileName() + " — Izhikevich Explorer");
        return true;
    } catch (const izh::InvalidInput& error) {
        showError("Cannot open parameter set",
                  QString("%1 is not a valid parameter set.\n\n%2")
                      .arg(QFileInfo(path).fileName(), QString::fromStdString(error.what())));
        return false;
    }
}

bool MainWindow::saveParameterFile(const QString& path) {
    const std::string text = izh::formatParameterFile(parameters_->request());
    QString error;
    if (!writeFileAtomically("parameters", path, text, &error)) {
        showError("Cannot save parameter set", error);
        return false;
    }
    currentFile_ = path;
    addRecentFile(path);
    return true;
}

// Writes one CSV of the latest result, atomically: `label` names the output
// in error details, `noun` what is exported in the message box, and
// `writeCsv` formats the trajectory through a chunk writer.
template <class WriteCsv>
bool MainWindow::exportResultCsv(const QString& label, const QString& noun, const QString& path,
                                 WriteCsv writeCsv) {
    const auto result = controller_.latestResult();
    if (!result || !result->trajectory) {
        showError("Nothing to export", "The simulation has not produced a trajectory yet.");
        return false;
    }
    QString error;
    const bool ok = writeFileAtomically(
        label, path,
        [&](const izh::ChunkWriter& write) {
            return writeCsv(*result->trajectory, write);
        },
        &error);
    if (!ok)
        showError("Cannot export the " + noun, error);
    return ok;
}

bool MainWindow::exportTrajectoryCsv(const QString& path) {
    return exportResultCsv("trajectory", "trajectory", path,
                           [](const izh::Trajectory& t, auto write) {
                               return izh::writeTrajectoryCsv(t, write);
                           });
}

bool MainWindow::exportSpikesCsv(const QString& path) {
    return exportResultCsv("spikes", "spike times", path,
                           [](const izh::Trajectory& t, auto write) {
                               return izh::writeSpikesCsv(t.spikeTimes(), write);
                           });
}

bool MainWindow::exportPng(const QString& path, QSize size, qreal scale) {
    QString error;
    if (!writePlotPng(*plots_, path, size.isValid() ? size : plots_->size(), scale, &error)) {
        showError("Cannot export the plot", error);
        return false;
    }
    return true;
}

bool MainWindow::exportSvg(const QString& path) {
    QString error;
    if (!writePlotSvg(*plots_, path, plots_->size(), &error)) {
        showError("Cannot export the plot", error);
        return false;
    }
    return true;
}

void MainWindow::showGallery(izh::PresetGroup group) {
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QString::fromUtf8(izh::presetGroupTitle(group).data()) +
                           " — click a panel to explore it");
    auto* layout = new QVBoxLayout(dialog);
    auto* gallery = new GalleryView(group);
    layout->addWidget(gallery);
    connect(gallery, &GalleryView::presetClicked, this, [this, dialog](const QString& id) {
        loadPreset(id);
        dialog->close();
    });
    dialog->resize(1400, group == izh::PresetGroup::Figure2003 ? 560 : 1000);
    dialog->show();
}

SweepWindow* MainWindow::showSweep() {
    if (!sweep_) {
        sweep_ = new SweepWindow(parameters_->request(), this);
        sweep_->setAttribute(Qt::WA_DeleteOnClose);
        connect(sweep_, &SweepWindow::cellChosen, this,
                [this](const izh::SimulationRequest& request) { loadRequest(request); });
        connect(&controller_, &SimulationController::resultReady, sweep_,
                [this](const auto& result) { sweep_->setBase(result->request); });
    }
    sweep_->setBase(parameters_->request());
    sweep_->show();
    sweep_->raise();
    return sweep_;
}

void MainWindow::pinCurrentTrace() { plots_->setPinned(controller_.latestResult()); }

void MainWindow::clearPin() { plots_->setPinned(nullptr); }

void MainWindow::setDarkPalette(bool dark) {
    dark_ = dark;
    if (darkAction_)
        darkAction_->setChecked(dark);
    // QStyleFactory::create() hands the new style over: without an owner, one
    // leaked per palette change.
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create("Fusion"));
    QPalette palette = fusion->standardPalette();
    if (dark) {
        palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        palette.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        palette.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
        palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        palette.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
        palette.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xdb));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3c));
        palette.setColor(QPalette::ToolTipText, QColor(0xe0, 0xe0, 0xe0));
        palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    }
    QApplication::setPalette(palette);
    plots_->applyPalette(dark);
    analysis_->applyPalette(dark);
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList files = settings.value("recentFiles").toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    settings.setValue("recentFiles", files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList files = QSettings().value("recentFiles").toStringList();
    for (const QString& path : files)
        recentMenu_->addAction(QFileInfo(path).fileName(), this,
                               [this, path] { openParameterFile(path); })
            ->setToolTip(path);
    recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::showError(const QString& title, const QString& message) {
    lastError_ = message;
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, does not block the event loop
}

QString MainWindow::askSavePath(const QString& caption, const QString& filter, const QString& suffix) {
    QFileDialog dialog(this, caption, {}, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(suffix);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().front();
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    splitter_->restoreState(settings.value("window/splitter").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    setDarkPalette(settings.value("view/dark", false).toBool());
    analysis_->phasePlane()->setVectorFieldVisible(
        settings.value("view/vectorField", true).toBool());
    const QByteArray last = settings.value("parameters/last").toByteArray();
    if (!last.isEmpty()) {
        try {
            const auto contents = izh::parseParameterFile(
                std::string_view(last.constData(), size_t(last.size())), izh::defaultRequest());
            loadRequest(contents.request, settings.value("parameters/preset").toString());
            undo_.clear();
        } catch (const izh::InvalidInput&) {
            // A damaged setting is not worth a dialog: start from the defaults.
        }
    }
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/splitter", splitter_->saveState());
    settings.setValue("window/state", saveState());
    settings.setValue("view/dark", dark_);
    settings.setValue("view/vectorField", analysis_->phasePlane()->vectorFieldVisible());
    settings.setValue("parameters/last",
                      QByteArray::fromStdString(izh::formatParameterFile(parameters_->request())));
    settings.setValue("parameters/preset", presetId_);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) {
        openParameterFile(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

