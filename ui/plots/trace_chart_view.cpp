// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/trace_chart_view.h"

#include "ui/plots/nice_ticks.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

TraceChartView::TraceChartView(const QString& title, const QString& unit, QWidget* parent)
    : QChartView(new QChart, parent), trace_(new QLineSeries), pinned_(new QLineSeries),
      markers_(new QScatterSeries), timeAxis_(new QValueAxis), valueAxis_(new QValueAxis) {
    QChart* c = chart();
    c->legend()->hide();
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setMargins(QMargins(6, 4, 6, 4));
    c->setBackgroundRoundness(0);
    trace_->setName(title);
    pinned_->setName(title + " (pinned)");
    markers_->setName("spikes");
    markers_->setMarkerSize(7);
    markers_->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    c->addSeries(pinned_);
    c->addSeries(trace_);
    c->addSeries(markers_);
    timeAxis_->setTitleText("t (ms)");
    timeAxis_->setLabelFormat("%g");
    valueAxis_->setTitleText(unit.isEmpty() ? title : title + " (" + unit + ")");
    valueAxis_->setLabelFormat("%g");
    c->addAxis(timeAxis_, Qt::AlignBottom);
    c->addAxis(valueAxis_, Qt::AlignLeft);
    for (auto* series : {static_cast<QXYSeries*>(pinned_), static_cast<QXYSeries*>(trace_),
                         static_cast<QXYSeries*>(markers_)}) {
        series->attachAxis(timeAxis_);
        series->attachAxis(valueAxis_);
    }
    setRenderHint(QPainter::Antialiasing, true);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMouseTracking(true);
    connect(timeAxis_, &QValueAxis::rangeChanged, this, [this](qreal lo, qreal hi) {
        if (!settingRange_)
            emit timeRangeRequested(lo, hi); // the rubber band zoomed this plot
    });
}


void TraceChartView::setTimeRange(double t0, double t1) {
    settingRange_ = true;
    timeAxis_->setRange(t0, t1);
    // Ticks at round times, whatever the zoom: the range itself stays exact
    // so the three plots line up.
    timeAxis_->setTickType(QValueAxis::TicksDynamic);
    timeAxis_->setTickAnchor(0);
    timeAxis_->setTickInterval(niceTickInterval(t1 - t0, 8));
    settingRange_ = false;
}

void TraceChartView::setValueRange(double lo, double hi) {
    setNiceRange(valueAxis_, lo, hi, height() > 250 ? 6 : 3);
}

void TraceChartView::setTimeLabelsVisible(bool visible) {
    timeAxis_->setLabelsVisible(visible);
    timeAxis_->setTitleVisible(visible);
}

int TraceChartView::plotColumns() const {
    return std::max(1, int(std::lround(chart()->plotArea().width() * devicePixelRatioF())));
}

double TraceChartView::timeAt(QPointF viewPosition) const {
    const QPointF scenePos = mapToScene(viewPosition.toPoint());
    const QPointF chartPos = chart()->mapFromScene(scenePos);
    if (!chart()->plotArea().contains(chartPos))
        return NAN;
    return chart()->mapToValue(chartPos, trace_).x();
}

void TraceChartView::wheelEvent(QWheelEvent* event) {
    const double t = timeAt(event->position());
    if (std::isnan(t) || event->angleDelta().y() == 0)
        return QChartView::wheelEvent(event);
    const double factor = std::pow(0.8, event->angleDelta().y() / 120.0);
    const double t0 = timeAxis_->min(), t1 = timeAxis_->max();
    emit timeRangeRequested(t - (t - t0) * factor, t + (t1 - t) * factor);
    event->accept();
}

void TraceChartView::mousePressEvent(QMouseEvent* event) {
    const bool pan = event->button() == Qt::MiddleButton ||
                     (event->button() == Qt::LeftButton && event->modifiers() & Qt::ShiftModifier);
    if (pan) {
        panning_ = true;
        panStart_ = event->position();
        panT0_ = timeAxis_->min();
        panT1_ = timeAxis_->max();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TraceChartView::mouseMoveEvent(QMouseEvent* event) {
    if (panning_) {
        const double msPerPixel = (panT1_ - panT0_) / std::max(1.0, chart()->plotArea().width());
        const double shift = (event->position().x() - panStart_.x()) * msPerPixel;
        emit timeRangeRequested(panT0_ - shift, panT1_ - shift);
        event->accept();
        return;
    }
    emit hovered(timeAt(event->position()));
    QChartView::mouseMoveEvent(event);
}

void TraceChartView::mouseReleaseEvent(QMouseEvent* event) {
    if (panning_) {
        panning_ = false;
        unsetCursor();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) { // QChartView would zoom out one step
        emit resetZoomRequested();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TraceChartView::mouseDoubleClickEvent(QMouseEvent* event) {
    emit resetZoomRequested();
    event->accept();
}

void TraceChartView::leaveEvent(QEvent* event) {
    emit hovered(NAN);
    QChartView::leaveEvent(event);
}

void TraceChartView::paintEvent(QPaintEvent* event) {
    QChartView::paintEvent(event);
    emit painted();
}
