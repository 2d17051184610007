// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/analysis/fi_curve_view.h"

#include "core/base/invalid_input.h"

#include <QChart>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

FiCurveView::FiCurveView(QWidget* parent)
    : DeferredAnalysisView(parent), from_(new QDoubleSpinBox), to_(new QDoubleSpinBox),
      points_(new QSpinBox), status_(new QLabel), view_(new QChartView(new QChart)),
      firstIsi_(new QLineSeries), steady_(new QLineSeries), iAxis_(new QValueAxis),
      rateAxis_(new QValueAxis) {
    for (auto* box : {from_, to_}) {
        box->setRange(-1000, 1000);
        box->setDecimals(2);
        box->setKeyboardTracking(false);
    }
    from_->setValue(0);
    to_->setValue(40);
    points_->setRange(2, 400);
    points_->setValue(41);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel("I from"));
    controls->addWidget(from_);
    controls->addWidget(new QLabel("to"));
    controls->addWidget(to_);
    controls->addWidget(new QLabel("points"));
    controls->addWidget(points_);
    controls->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);
    layout->addWidget(status_);
    firstIsi_->setName("first-ISI rate");
    steady_->setName("steady-state rate");
    QChart* c = view_->chart();
    c->addSeries(firstIsi_);
    c->addSeries(steady_);
    iAxis_->setTitleText("I (dc)");
    rateAxis_->setTitleText("rate (Hz)");
    iAxis_->setLabelFormat("%g");
    rateAxis_->setLabelFormat("%g");
    c->addAxis(iAxis_, Qt::AlignBottom);
    c->addAxis(rateAxis_, Qt::AlignLeft);
    for (auto* s : {firstIsi_, steady_}) {
        s->attachAxis(iAxis_);
        s->attachAxis(rateAxis_);
        s->setPointsVisible(true);
    }
    c->legend()->setAlignment(Qt::AlignBottom);
    view_->setRenderHint(QPainter::Antialiasing);
    for (auto* box : {from_, to_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &FiCurveView::recomputeNow);
    connect(points_, &QSpinBox::valueChanged, this, &FiCurveView::recomputeNow);
}

void FiCurveView::recompute() {
    status_->setText("Computing…");
    const auto request = this->request();
    const double lo = from_->value(), hi = to_->value();
    const int points = points_->value();
    job_.start(
        this,
        [request, lo, hi, points](const std::atomic<bool>& cancel) {
            izh::RunControl control;
            control.cancel = &cancel;
            try {
                return izh::computeFiCurve(request, lo, hi, points, control);
            } catch (const izh::InvalidInput&) {
                return std::vector<izh::FiPoint>{};
            }
        },
        [this, lo, hi](const std::vector<izh::FiPoint>& curve) {
            QList<QPointF> first, steady;
            double top = 10;
            for (const auto& p : curve) {
                first.append({p.current, p.firstIsiRateHz.value_or(0)});
                steady.append({p.current, p.steadyRateHz.value_or(0)});
                top = std::max({top, p.firstIsiRateHz.value_or(0), p.steadyRateHz.value_or(0)});
            }
            firstIsi_->replace(first);
            steady_->replace(steady);
            iAxis_->setRange(lo, hi);
            rateAxis_->setRange(0, top * 1.08);
            status_->setText(curve.empty() ? "Cannot compute the f–I curve for these parameters"
                                           : QString("%1 runs of %2 ms, dc input, %3")
                                                 .arg(curve.size())
                                                 .arg(this->request().settings.duration)
                                                 .arg(QString::fromUtf8(
                                                     izh::integratorId(
                                                         this->request().settings.integrator)
                                                         .data())));
            emit computed();
        });
}
