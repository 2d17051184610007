#pragma once

#include "background_job.h"
#include "fi_curve.h"
#include "simulation_request.h"

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
class FiCurveView : public QWidget {
    Q_OBJECT

public:
    explicit FiCurveView(QWidget* parent = nullptr);
    void setRequest(const izh::SimulationRequest& request);
    QLineSeries* firstIsiSeries() const { return firstIsi_; }
    QLineSeries* steadySeries() const { return steady_; }

signals:
    void computed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void recompute();

    izh::SimulationRequest request_;
    bool stale_ = true;
    QDoubleSpinBox *from_, *to_;
    QSpinBox* points_;
    QLabel* status_;
    QChartView* view_;
    QLineSeries *firstIsi_, *steady_;
    QValueAxis *iAxis_, *rateAxis_;
    BackgroundJob<std::vector<izh::FiPoint>> job_;
};
