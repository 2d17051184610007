// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/controller/simulation_result.h"

#include <QAction>
#include <QChartView>
#include <QGraphicsPathItem>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <cmath>
#include <memory>

// The (v, u) phase plane of the latest run: the trajectory, the v- and
// u-nullclines, the fixed points marked by type, the vpeak and reset (v = c)
// lines and, optionally, the vector field as light arrows beneath them. It
// follows the sliders live; a time cursor (the hover over the traces) marks
// (v(t), u(t)) and draws the v-nullcline and the field for I(t).
class PhasePlaneView : public QChartView {
    Q_OBJECT

public:
    explicit PhasePlaneView(QWidget* parent = nullptr);

    void showResult(const std::shared_ptr<const SimulationResult>& result);
    void setCursorTime(double t); // NaN: no cursor; nullcline for the run's final input
    void applyPalette(bool dark);

    QLineSeries* trajectory() const { return trajectory_; }
    QLineSeries* vNullcline() const { return vNullcline_; }
    QLineSeries* uNullcline() const { return uNullcline_; }
    QList<QScatterSeries*> fixedPointSeries() const { return fixedPoints_; }
    QScatterSeries* cursor() const { return cursor_; }

    // The vector field: one arrow per cell of a regular grid over the visible
    // (v, u) range, pointing along (dv/dt, du/dt) as it appears on screen.
    // Arrows have a capped, log-scaled length, so every direction stays
    // readable although |dv/dt| spans orders of magnitude. On by default;
    // the checkable action is in the context menu (and the View menu).
    struct FieldArrow {
        double v = 0, u = 0;   // the grid point (the arrow's middle)
        double dv = 0, du = 0; // the field there (izh::phaseVelocity)
        QPointF tail, head;    // in chart coordinates; equal where the field vanishes
    };
    QAction* vectorFieldAction() const { return vectorFieldAction_; }
    void setVectorFieldVisible(bool visible);
    bool vectorFieldVisible() const;
    QSize vectorFieldGrid() const { return fieldGrid_; } // columns × rows
    const QList<FieldArrow>& vectorFieldArrows() const { return fieldArrows_; }
    QGraphicsPathItem* vectorFieldItem() const { return fieldItem_; }

private:
    void drawNullclinesFor(double current);
    void drawVectorField();

    std::shared_ptr<const SimulationResult> result_;
    QLineSeries* trajectory_;
    QLineSeries* vNullcline_;
    QLineSeries* uNullcline_;
    QLineSeries* peakLine_;
    QLineSeries* resetLine_;
    QList<QScatterSeries*> fixedPoints_; // one series per type, for the legend
    QScatterSeries* cursor_;
    QValueAxis* vAxis_;
    QValueAxis* uAxis_;
    QAction* vectorFieldAction_;
    QGraphicsPathItem* fieldItem_;
    QList<FieldArrow> fieldArrows_;
    QSize fieldGrid_;
    double fieldCurrent_ = NAN; // the input the nullclines and the field are drawn for
};
