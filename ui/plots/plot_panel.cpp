// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/plot_panel.h"

#include "ui/controller/plot_series_builder.h"
#include "ui/plots/nice_ticks.h"

#include <QFontMetricsF>
#include <QEvent>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace {

struct Extent {
    double lo = INFINITY, hi = -INFINITY;
    void add(const QList<QPointF>& points) {
        for (const auto& p : points) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    // A little air above and below; a flat line gets a unit-wide band.
    std::pair<double, double> padded() const {
        if (!(hi >= lo))
            return {-1, 1};
        const double span = hi - lo;
        const double margin = span > 0 ? 0.08 * span : std::max(1.0, std::abs(hi) * 0.1);
        return {lo - margin, hi + margin};
    }
};

} // namespace

PlotPanel::PlotPanel(QWidget* parent)
    : QWidget(parent), v_(new TraceChartView("v", "mV")), u_(new TraceChartView("u", "")),
      i_(new TraceChartView("I", "")), message_(new QLabel) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    message_->setObjectName("plotMessage");
    message_->setVisible(false);
    message_->setStyleSheet("QLabel { background: #b3261e; color: white; padding: 4px; }");
    layout->addWidget(message_);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName("plotSplitter");
    splitter->addWidget(v_);
    splitter->addWidget(u_);
    splitter->addWidget(i_);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    layout->addWidget(splitter);
    for (auto* view : {v_, u_, i_}) {
        connect(view, &TraceChartView::timeRangeRequested, this, &PlotPanel::setTimeRange);
        connect(view, &TraceChartView::resetZoomRequested, this, &PlotPanel::resetZoom);
        connect(view, &TraceChartView::hovered, this, &PlotPanel::hovered);
    }
    connect(v_->chart(), &QChart::plotAreaChanged, this, &PlotPanel::onPlotAreaChanged);
    connect(i_->chart(), &QChart::plotAreaChanged, this, &PlotPanel::alignPlotAreas);
    v_->setTimeLabelsVisible(false);
    u_->setTimeLabelsVisible(false);
    connect(v_, &TraceChartView::painted, this, [this] {
        if (paintPending_) {
            paintPending_ = false;
            emit repainted();
        }
    });
    applyPalette(false);
}

void PlotPanel::showResult(const std::shared_ptr<const SimulationResult>& result) {
    result_ = result;
    if (!result || !result->trajectory) {
        for (auto* view : {v_, u_, i_}) {
            view->trace()->clear();
            view->markers()->clear();
        }
        return;
    }
    const auto& series = result->series;
    v_->trace()->replace(series.v);
    v_->markers()->replace(series.spikes);
    u_->trace()->replace(series.u);
    i_->trace()->replace(series.current);
    t0_ = result->view.t0;
    t1_ = result->view.t1;
    zoomed_ = !(t0_ == 0 && t1_ == result->request.settings.duration);
    for (auto* view : {v_, u_, i_})
        view->setTimeRange(t0_, t1_);
    if (pinned_)
        setPinned(pinned_);
    fitValueAxes();
    setMessage(result->diverged()
                   ? QString("The trajectory diverged (left the finite range) at t = %1 ms; only "
                             "its valid part is shown.")
                         .arg(*result->trajectory->outcome.divergenceTime, 0, 'g', 6)
                   : QString());
    paintPending_ = true;
    v_->viewport()->update();
}

void PlotPanel::setPinned(const std::shared_ptr<const SimulationResult>& pinned) {
    pinned_ = pinned;
    if (!pinned || !pinned->trajectory) {
        for (auto* view : {v_, u_, i_})
            view->pinned()->clear();
        return;
    }
    // Reduced for the current window, like the live trace.
    const PlotView view{t0_, t1_ > t0_ ? t1_ : pinned->request.settings.duration, currentView().columns};
    const auto series = buildPlotSeries(*pinned->trajectory, pinned->request.model.vpeak, view);
    v_->pinned()->replace(series.v);
    u_->pinned()->replace(series.u);
    i_->pinned()->replace(series.current);
}

void PlotPanel::fitValueAxes() {
    Extent v, u, current;
    v.add(v_->trace()->points());
    u.add(u_->trace()->points());
    current.add(i_->trace()->points());
    if (pinned_) {
        v.add(v_->pinned()->points());
        u.add(u_->pinned()->points());
        current.add(i_->pinned()->points());
    }
    if (result_)
        v.hi = std::max(v.hi, result_->request.model.vpeak);
    for (auto [view, extent] : {std::pair{v_, v}, {u_, u}, {i_, current}}) {
        const auto [lo, hi] = extent.padded();
        view->setValueRange(lo, hi);
    }
    alignPlotAreas();
}

// The value axes' labels differ in width; pad each chart's left margin so
// that the three plot areas start at the same x and the time axis lines up.
// The widths are measured from the labels themselves (not read back from the
// layout, which settles only later and would make this chase its own tail).
void PlotPanel::alignPlotAreas() {
    auto labelWidth = [](TraceChartView* view) {
        const QValueAxis* axis = view->valueAxis();
        const QFontMetricsF metrics(axis->labelsFont());
        qreal widest = 0;
        for (double y : ticksWithin(axis->min(), axis->max(), axis->tickInterval()))
            widest = std::max(widest, metrics.horizontalAdvance(QString::asprintf("%g", y)));
        return widest;
    };
    constexpr int kBaseInset = 6;
    qreal widest = 0;
    for (auto* view : {v_, u_, i_})
        widest = std::max(widest, labelWidth(view));
    // Only the bottom plot labels the time axis, and Qt narrows that plot to
    // fit its last label: the plots above give up the same room. Read back from
    // the bottom plot's layout, whose own margins never change here, so this
    // cannot feed back on itself.
    const QChart* bottom = i_->chart();
    const qreal overhang = std::clamp<qreal>(bottom->size().width() - bottom->margins().right() -
                                                 bottom->plotArea().right(),
                                             0, 100);
    for (auto* view : {v_, u_, i_}) {
        QMargins m = view->chart()->margins();
        const int left = kBaseInset + int(std::lround(widest - labelWidth(view)));
        const int right = kBaseInset + (view == i_ ? 0 : int(std::lround(overhang)));
        if (m.left() != left || m.right() != right) {
            m.setLeft(left);
            m.setRight(right);
            view->chart()->setMargins(m);
        }
    }
}

void PlotPanel::setTimeRange(double t0, double t1) {
    if (!(t1 > t0) || !result_)
        return;
    const double duration = result_->request.settings.duration;
    // Keep the window inside the run, at least a few samples wide.
    const double minSpan = std::max(4 * result_->request.settings.dt, 1e-6);
    if (t1 - t0 > duration) {
        t0 = 0;
        t1 = duration;
    }
    if (t1 - t0 < minSpan)
        t1 = t0 + minSpan;
    if (t0 < 0) {
        t1 -= t0;
        t0 = 0;
    }
    if (t1 > duration) {
        t0 -= t1 - duration;
        t1 = duration;
    }
    t0_ = t0;
    t1_ = t1;
    zoomed_ = true;
    for (auto* view : {v_, u_, i_})
        view->setTimeRange(t0, t1);
    alignPlotAreas();
    emit viewChanged(currentView());
}

void PlotPanel::resetZoom() {
    zoomed_ = false;
    if (result_) {
        t0_ = 0;
        t1_ = result_->request.settings.duration;
        for (auto* view : {v_, u_, i_})
            view->setTimeRange(t0_, t1_);
    }
    emit viewChanged(currentView());
}

PlotView PlotPanel::currentView() const {
    // An unzoomed view follows the run's duration (t1 <= t0 means "all").
    if (!zoomed_)
        return {0, 0, v_->plotColumns()};
    return {t0_, t1_, v_->plotColumns()};
}

void PlotPanel::onPlotAreaChanged() {
    // The plots' width in pixels decides how finely the worker reduces the
    // trace; it is known only once the chart has laid itself out.
    const int columns = v_->plotColumns();
    if (columns != lastColumns_) {
        lastColumns_ = columns;
        emit viewChanged(currentView());
    }
}

void PlotPanel::setMessage(const QString& text) {
    message_->setText(text);
    message_->setVisible(!text.isEmpty());
}

void PlotPanel::applyPalette(bool dark) {
    dark_ = dark;
    const QColor background = dark ? QColor(0x1e, 0x1f, 0x22) : Qt::white;
    const QColor foreground = dark ? QColor(0xdd, 0xdd, 0xdd) : QColor(0x20, 0x20, 0x20);
    const QColor grid = dark ? QColor(0x3a, 0x3b, 0x40) : QColor(0xe4, 0xe4, 0xe4);
    const QColor traces[] = {dark ? QColor(0x6c, 0xb4, 0xff) : QColor(0x1f, 0x5f, 0xbf),
                             dark ? QColor(0xff, 0xa0, 0x57) : QColor(0xc4, 0x5a, 0x00),
                             dark ? QColor(0x7d, 0xd8, 0x8f) : QColor(0x2e, 0x7d, 0x32)};
    int k = 0;
    for (auto* view : {v_, u_, i_}) {
        QChart* chart = view->chart();
        chart->setBackgroundBrush(background);
        chart->setPlotAreaBackgroundVisible(false);
        for (auto* axis : {view->timeAxis(), view->valueAxis()}) {
            axis->setLabelsColor(foreground);
            axis->setTitleBrush(foreground);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(foreground);
        }
        QPen pen(traces[k++], 1.4);
        view->trace()->setPen(pen);
        QColor faint = foreground;
        faint.setAlpha(90);
        view->pinned()->setPen(QPen(faint, 1.2));
        view->setBackgroundBrush(background);
    }
    v_->markers()->setColor(dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28));
    v_->markers()->setBorderColor(Qt::transparent);
}
