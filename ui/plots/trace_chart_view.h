// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

// One of the stacked plots (v, u or I against time). All three share the
// time axis: zooming or panning one emits timeRangeRequested, and the window
// applies the range to every plot. Wheel zooms around the cursor, a
// horizontal rubber band zooms to a span, dragging with the middle button (or
// Shift + left) pans, and the cursor's time is reported for the read-out.
class TraceChartView : public QChartView {
    Q_OBJECT

public:
    TraceChartView(const QString& title, const QString& unit, QWidget* parent = nullptr);

    QLineSeries* trace() const { return trace_; }
    QLineSeries* pinned() const { return pinned_; }
    QScatterSeries* markers() const { return markers_; }
    QValueAxis* timeAxis() const { return timeAxis_; }
    QValueAxis* valueAxis() const { return valueAxis_; }

    void setTimeRange(double t0, double t1); // without emitting timeRangeRequested
    void setValueRange(double lo, double hi);
    int plotColumns() const; // pixel columns of the plot area (device pixels)
    void setTimeLabelsVisible(bool visible); // only the bottom plot labels the shared axis

signals:
    void timeRangeRequested(double t0, double t1);
    void hovered(double t); // NaN when the cursor leaves the plot
    void resetZoomRequested();
    void painted(); // after each repaint of the plot

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    double timeAt(QPointF viewPosition) const;

    QLineSeries* trace_;
    QLineSeries* pinned_;
    QScatterSeries* markers_;
    QValueAxis* timeAxis_;
    QValueAxis* valueAxis_;
    bool settingRange_ = false;
    bool panning_ = false;
    QPointF panStart_;
    double panT0_ = 0, panT1_ = 0;
};
