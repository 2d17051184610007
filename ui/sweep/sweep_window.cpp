// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sweep/sweep_window.h"

#include "core/base/invalid_input.h"
#include "core/io/sweep_csv.h"
#include "core/model/parameter_catalogue.h"
#include "ui/files/atomic_outputs.h"
#include "ui/files/png_encoding.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
// What the window offers to sweep: the catalogue's sweepable model and
// stimulus parameters (rtol and atol, sweepable with rk45 only, are left to
// the command line).
QStringList sweepableNames() {
    QStringList names;
    for (const auto& info : izh::parameterCatalogue())
        if (!info.notSweepable && info.section != izh::ParameterSection::Simulation)
            names << QString::fromUtf8(info.name.data(), qsizetype(info.name.size()));
    return names;
}
} // namespace

SweepWindow::SweepWindow(const izh::SimulationRequest& base, QWidget* parent)
    : QDialog(parent), base_(base), metric_(new QComboBox), map_(new HeatMapView),
      hover_(new QLabel), progress_(new QProgressBar), run_(new QPushButton("Run sweep")),
      cancel_(new QPushButton("Cancel")),
      progressValue_(std::make_shared<std::atomic<double>>(0)) {
    setWindowTitle("Parameter sweep");
    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel("<b>x</b>"), 0, 0);
    grid->addWidget(new QLabel("<b>y</b>"), 1, 0);
    x_ = makeAxis("a", 0.01, 0.1);
    y_ = makeAxis("d", 2, 8);
    int row = 0;
    for (auto* axis : {&x_, &y_}) {
        grid->addWidget(axis->name, row, 1);
        grid->addWidget(new QLabel("from"), row, 2);
        grid->addWidget(axis->lo, row, 3);
        grid->addWidget(new QLabel("to"), row, 4);
        grid->addWidget(axis->hi, row, 5);
        grid->addWidget(new QLabel("points"), row, 6);
        grid->addWidget(axis->count, row, 7);
        ++row;
    }
    for (auto metric : sweepMetrics())
        metric_->addItem(sweepMetricTitle(metric), int(metric));
    grid->addWidget(new QLabel("show"), 0, 8);
    grid->addWidget(metric_, 0, 9);
    grid->addWidget(run_, 1, 8);
    grid->addWidget(cancel_, 1, 9);
    auto* exportCsvButton = new QPushButton("Export CSV…");
    auto* exportPngButton = new QPushButton("Export PNG…");
    grid->addWidget(exportCsvButton, 0, 10);
    grid->addWidget(exportPngButton, 1, 10);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(map_, 1);
    layout->addWidget(hover_);
    layout->addWidget(progress_);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    cancel_->setEnabled(false);
    hover_->setText("Click a cell to load its parameters into the explorer.");
    resize(1100, 760);

    connect(metric_, &QComboBox::currentIndexChanged, this, [this] {
        map_->setMetric(HeatMapView::Metric(metric_->currentData().toInt()));
    });
    connect(run_, &QPushButton::clicked, this, &SweepWindow::run);
    connect(cancel_, &QPushButton::clicked, this, &SweepWindow::cancel);
    connect(map_, &HeatMapView::cellHovered, this, [this](const QString& text) {
        hover_->setText(text.isEmpty() ? "Click a cell to load its parameters into the explorer."
                                       : text);
    });
    connect(map_, &HeatMapView::cellClicked, this, [this](std::size_t i, std::size_t j) {
        if (const auto result = map_->result())
            emit cellChosen(izh::sweepCellRequest(base_, result->x, result->y, i, j));
    });
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, "Export sweep", {}, "CSV (*.csv)");
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(exportPngButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, "Export heat map", {}, "PNG (*.png)");
        if (!path.isEmpty())
            exportPng(path);
    });
    poll_.setInterval(100);
    connect(&poll_, &QTimer::timeout, this,
            [this] { progress_->setValue(int(progressValue_->load() * 1000)); });
}

SweepWindow::AxisControls SweepWindow::makeAxis(const QString& name, double lo, double hi) {
    AxisControls c{new QComboBox, new QDoubleSpinBox, new QDoubleSpinBox, new QSpinBox};
    c.name->addItems(sweepableNames());
    c.name->setCurrentText(name);
    // A newly chosen parameter starts from the range of its slider.
    connect(c.name, &QComboBox::currentTextChanged, this, [c](const QString& chosen) {
        if (const auto* info = izh::findParameter(chosen.toStdString())) {
            c.lo->setValue(info->sliderMin);
            c.hi->setValue(info->sliderMax);
        }
    });
    for (auto* box : {c.lo, c.hi}) {
        box->setRange(-1e6, 1e6);
        box->setDecimals(4);
    }
    c.lo->setValue(lo);
    c.hi->setValue(hi);
    c.count->setRange(1, int(izh::kMaxSweepPoints));
    c.count->setValue(64);
    return c;
}

izh::SweepAxis SweepWindow::axisFrom(const AxisControls& c) const {
    return {c.name->currentText().toStdString(), c.lo->value(), c.hi->value(),
            std::size_t(c.count->value())};
}

void SweepWindow::setBase(const izh::SimulationRequest& base) { base_ = base; }

void SweepWindow::setAxes(const izh::SweepAxis& x, const izh::SweepAxis& y) {
    for (auto [controls, axis] : {std::pair{&x_, &x}, {&y_, &y}}) {
        controls->name->setCurrentText(QString::fromStdString(axis->name));
        controls->lo->setValue(axis->lo);
        controls->hi->setValue(axis->hi);
        controls->count->setValue(int(axis->count));
    }
}

void SweepWindow::run() {
    const auto x = axisFrom(x_), y = axisFrom(y_);
    try {
        izh::validateSweep(base_, x, y);
    } catch (const izh::InvalidInput& error) {
        showError(QString::fromStdString(error.what()));
        return;
    }
    progressValue_->store(0);
    progress_->setValue(0);
    progress_->setVisible(true);
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    poll_.start();
    const auto base = base_;
    auto progress = progressValue_;
    job_.start(
        this,
        [base, x, y, progress](const std::atomic<bool>& cancel) {
            izh::BatchOptions options;
            options.control.cancel = &cancel;
            options.control.progress = progress.get();
            try {
                return std::make_shared<izh::SweepResult>(izh::runSweep(base, x, y, options));
            } catch (const izh::InvalidInput&) {
                return std::shared_ptr<izh::SweepResult>();
            }
        },
        [this](const std::shared_ptr<izh::SweepResult>& result) {
            poll_.stop();
            progress_->setVisible(false);
            run_->setEnabled(true);
            cancel_->setEnabled(false);
            if (result)
                map_->setResult(result);
            emit finished(!result || result->cancelled);
        });
}

void SweepWindow::cancel() {
    // Starting nothing new: a cancelled job's result still arrives (partial).
    job_.cancelCurrent();
}

bool SweepWindow::exportCsv(const QString& path) {
    const auto result = map_->result();
    if (!result) {
        showError("Run a sweep first.");
        return false;
    }
    QString error;
    const bool ok = writeFileAtomically(
        "sweep", path,
        [&](const izh::ChunkWriter& write) {
            return izh::writeSweepCsv(*result, write);
        },
        &error);
    if (!ok)
        showError(error);
    return ok;
}

bool SweepWindow::exportPng(const QString& path) {
    if (!map_->result()) {
        showError("Run a sweep first.");
        return false;
    }
    // As on screen, at twice the pixels (as the plot export does, for HiDPI and print).
    const QByteArray bytes = encodePng(map_->render(map_->size(), 2.0));
    QString error = "heat map: cannot encode the image as PNG";
    const bool ok = !bytes.isEmpty() && writeFileAtomically("heat map", path, bytes, &error);
    if (!ok)
        showError(error);
    return ok;
}

void SweepWindow::showError(const QString& message) {
    error_ = message;
    auto* box = new QMessageBox(QMessageBox::Warning, "Parameter sweep", message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
