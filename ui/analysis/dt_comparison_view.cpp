// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/analysis/dt_comparison_view.h"

#include "core/base/invalid_input.h"
#include "core/integrate/simulator.h"
#include "ui/controller/plot_series_builder.h"

#include <QChart>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

DtComparisonView::DtComparisonView(QWidget* parent)
    : DeferredAnalysisView(parent), view_(new QChartView(new QChart)), scheme_(new QLineSeries),
      reference_(new QLineSeries), tAxis_(new QValueAxis), vAxis_(new QValueAxis),
      list_(new QPlainTextEdit) {
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(view_);
    splitter->addWidget(list_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);
    list_->setReadOnly(true);
    list_->setFont(QFont("monospace"));
    QChart* c = view_->chart();
    reference_->setName("rk45, converged");
    c->addSeries(reference_);
    c->addSeries(scheme_);
    tAxis_->setTitleText("t (ms)");
    vAxis_->setTitleText("v (mV)");
    tAxis_->setLabelFormat("%g");
    vAxis_->setLabelFormat("%g");
    c->addAxis(tAxis_, Qt::AlignBottom);
    c->addAxis(vAxis_, Qt::AlignLeft);
    for (auto* s : {reference_, scheme_}) {
        s->attachAxis(tAxis_);
        s->attachAxis(vAxis_);
    }
    reference_->setPen(QPen(QColor(0x90, 0x90, 0x90), 2.2));
    scheme_->setPen(QPen(QColor(0x1f, 0x5f, 0xbf), 1.2));
    c->legend()->setAlignment(Qt::AlignBottom);
    view_->setRenderHint(QPainter::Antialiasing);
}

void DtComparisonView::recompute() {
    list_->setPlainText("Computing…");
    const auto request = this->request();
    job_.start(
        this,
        [request](const std::atomic<bool>& cancel) {
            Runs runs;
            izh::RunControl control;
            control.cancel = &cancel;
            auto converged = request;
            converged.settings.integrator = izh::IntegratorKind::RK45;
            converged.settings.rtol = converged.settings.atol = 1e-10;
            try {
                runs.scheme = std::make_shared<izh::Trajectory>(izh::simulate(request, control));
                runs.reference = std::make_shared<izh::Trajectory>(izh::simulate(converged, control));
            } catch (const izh::InvalidInput& error) {
                runs.error = QString::fromStdString(error.what());
                return runs;
            }
            // Spikes further apart than the reference's mean ISI stay unpaired.
            const auto& ref = runs.reference->spikeTimes();
            const double window = ref.size() >= 2 ? std::max(1.0, (ref.back() - ref.front()) / double(ref.size() - 1))
                                                  : request.settings.duration;
            runs.comparison = izh::compareSpikeTrains(runs.scheme->spikeTimes(), ref, window);
            return runs;
        },
        [this](const Runs& runs) { show(runs); });
}

void DtComparisonView::show(const Runs& runs) {
    if (!runs.error.isEmpty() || !runs.scheme || !runs.reference) {
        list_->setPlainText(runs.error.isEmpty() ? "Cancelled" : runs.error);
        return;
    }
    const izh::SimulationRequest& shown = request();
    const double duration = shown.settings.duration;
    const PlotView window{0, duration, 1200};
    const double vpeak = shown.model.vpeak;
    scheme_->replace(buildPlotSeries(*runs.scheme, vpeak, window).v);
    reference_->replace(buildPlotSeries(*runs.reference, vpeak, window).v);
    scheme_->setName(QString("%1, dt %2 ms")
                         .arg(QString::fromUtf8(
                             izh::integratorId(shown.settings.integrator).data()))
                         .arg(shown.settings.dt));
    tAxis_->setRange(0, duration);
    vAxis_->setRange(std::min(-90.0, shown.model.c - 10), vpeak + 10);

    const auto& c = runs.comparison;
    QString text = QString("%1 (dt %2 ms) against converged rk45: %3 paired spikes, largest "
                           "difference %4 ms\n\n   #   spike (ms)   rk45 (ms)   difference (ms)\n")
                       .arg(QString::fromUtf8(izh::integratorId(shown.settings.integrator).data()))
                       .arg(shown.settings.dt)
                       .arg(c.pairs.size())
                       .arg(c.maxAbsDifference, 0, 'g', 4);
    int k = 1;
    for (const auto& pair : c.pairs)
        text += QString("%1   %2   %3   %4\n")
                    .arg(k++, 4)
                    .arg(pair.time, 10, 'f', 4)
                    .arg(pair.reference, 10, 'f', 4)
                    .arg(pair.difference(), 12, 'f', 4);
    for (double t : c.missing)
        text += QString("   missing: rk45 spike at %1 ms has no partner\n").arg(t, 0, 'f', 4);
    for (double t : c.extra)
        text += QString("   extra: spike at %1 ms not in the converged run\n").arg(t, 0, 'f', 4);
    list_->setPlainText(text);
    emit computed();
}

QString DtComparisonView::report() const { return list_->toPlainText(); }
