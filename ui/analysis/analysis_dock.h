// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/controller/simulation_result.h"

#include <QDockWidget>
#include <memory>

class QTabWidget;
class PhasePlaneView;
class FiCurveView;
class DtComparisonView;

// The exploration views beside the traces, one tab each: the phase plane
// (live, with the time cursor), the f–I curve, and the dt comparison against
// converged rk45. Hidden tabs do no work.
class AnalysisDock : public QDockWidget {
    Q_OBJECT

public:
    explicit AnalysisDock(QWidget* parent = nullptr);

    void showResult(const std::shared_ptr<const SimulationResult>& result);
    void setCursorTime(double t);
    void applyPalette(bool dark);

    QTabWidget* tabs() const { return tabs_; }
    PhasePlaneView* phasePlane() const { return phasePlane_; }
    FiCurveView* fiCurve() const { return fiCurve_; }
    DtComparisonView* dtComparison() const { return dtComparison_; }

private:
    QTabWidget* tabs_;
    PhasePlaneView* phasePlane_;
    FiCurveView* fiCurve_;
    DtComparisonView* dtComparison_;
    std::shared_ptr<const SimulationResult> lastResult_; // for the phase plane when it is shown
};
