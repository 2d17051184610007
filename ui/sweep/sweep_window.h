// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/parameter_sweep.h"
#include "ui/controller/background_job.h"
#include "ui/sweep/heat_map_view.h"

#include <QDialog>
#include <QTimer>
#include <atomic>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;

// Parameter-space exploration (Task 2 of the NESTML tutorial): sweep any two
// parameters of the current request over a grid (up to 1024×1024) on the
// batch engine in the background, and show a metric as a heat map. Clicking a
// cell loads its exact parameters into the explorer.
class SweepWindow : public QDialog {
    Q_OBJECT

public:
    SweepWindow(const izh::SimulationRequest& base, QWidget* parent = nullptr);

    void setBase(const izh::SimulationRequest& base); // the explorer's current request
    void setAxes(const izh::SweepAxis& x, const izh::SweepAxis& y);
    void run();
    void cancel();
    bool exportCsv(const QString& path);
    bool exportPng(const QString& path);

    HeatMapView* heatMap() const { return map_; }
    QString lastError() const { return error_; }

signals:
    void cellChosen(const izh::SimulationRequest& request);
    void finished(bool cancelled);

private:
    struct AxisControls {
        QComboBox* name;
        QDoubleSpinBox *lo, *hi;
        QSpinBox* count;
    };
    AxisControls makeAxis(const QString& name, double lo, double hi);
    izh::SweepAxis axisFrom(const AxisControls& controls) const;
    void showError(const QString& message);

    izh::SimulationRequest base_;
    AxisControls x_, y_;
    QComboBox* metric_;
    HeatMapView* map_;
    QLabel* hover_;
    QProgressBar* progress_;
    QPushButton *run_, *cancel_;
    QTimer poll_;
    std::shared_ptr<std::atomic<double>> progressValue_;
    BackgroundJob<std::shared_ptr<izh::SweepResult>> job_;
    QString error_;
};
