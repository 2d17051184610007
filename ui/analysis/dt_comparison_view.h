// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/spike_train_comparison.h"
#include "core/integrate/trajectory.h"
#include "core/model/simulation_request.h"
#include "ui/analysis/deferred_analysis_view.h"
#include "ui/controller/background_job.h"

#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QWidget>
#include <memory>

class QPlainTextEdit;

// How much a fixed-step run depends on dt: the current scheme's v(t) overlaid
// on the converged rk45 trace (rtol = atol = 1e-10), and the spike-time
// differences listed spike by spike.
class DtComparisonView : public DeferredAnalysisView {
    Q_OBJECT

public:
    explicit DtComparisonView(QWidget* parent = nullptr);
    QLineSeries* schemeSeries() const { return scheme_; }
    QLineSeries* referenceSeries() const { return reference_; }
    QString report() const;

private:
    struct Runs {
        std::shared_ptr<izh::Trajectory> scheme, reference;
        izh::SpikeTrainComparison comparison;
        QString error;
    };
    void recompute() override;
    void show(const Runs& runs);

    QChartView* view_;
    QLineSeries *scheme_, *reference_;
    QValueAxis *tAxis_, *vAxis_;
    QPlainTextEdit* list_;
    BackgroundJob<Runs> job_;
};
