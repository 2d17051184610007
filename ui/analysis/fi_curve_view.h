// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/fi_curve.h"
#include "core/model/simulation_request.h"
#include "ui/analysis/deferred_analysis_view.h"
#include "ui/controller/background_job.h"

#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QWidget>

class QDoubleSpinBox;
class QSpinBox;
class QLabel;

// Rate against a dc input I for the current parameters: the first-ISI rate
// (onset) and the steady-state rate (after adaptation). Computed in the
// background whenever the parameters change while the view is visible.
class FiCurveView : public DeferredAnalysisView {
    Q_OBJECT

public:
    explicit FiCurveView(QWidget* parent = nullptr);
    QLineSeries* firstIsiSeries() const { return firstIsi_; }
    QLineSeries* steadySeries() const { return steady_; }

private:
    void recompute() override;

    QDoubleSpinBox *from_, *to_;
    QSpinBox* points_;
    QLabel* status_;
    QChartView* view_;
    QLineSeries *firstIsi_, *steady_;
    QValueAxis *iAxis_, *rateAxis_;
    BackgroundJob<std::vector<izh::FiPoint>> job_;
};
