// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/analysis/analysis_dock.h"

#include "ui/analysis/dt_comparison_view.h"
#include "ui/analysis/fi_curve_view.h"
#include "ui/analysis/phase_plane_view.h"

#include <QTabWidget>

AnalysisDock::AnalysisDock(QWidget* parent)
    : QDockWidget("Analysis", parent), tabs_(new QTabWidget), phasePlane_(new PhasePlaneView),
      fiCurve_(new FiCurveView), dtComparison_(new DtComparisonView) {
    setObjectName("analysisDock");
    tabs_->addTab(phasePlane_, "Phase plane");
    tabs_->addTab(fiCurve_, "f–I curve");
    tabs_->addTab(dtComparison_, "dt comparison");
    tabs_->setMinimumWidth(420);
    setWidget(tabs_);
    // The phase plane skips results while hidden; catch up when it appears.
    connect(tabs_, &QTabWidget::currentChanged, this, [this] {
        if (phasePlane_->isVisible() && lastResult_)
            phasePlane_->showResult(lastResult_);
    });
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && lastResult_)
            phasePlane_->showResult(lastResult_);
    });
}

void AnalysisDock::showResult(const std::shared_ptr<const SimulationResult>& result) {
    if (!result || !result->error.isEmpty())
        return;
    if (phasePlane_->isVisible())
        phasePlane_->showResult(result);
    fiCurve_->setRequest(result->request);
    dtComparison_->setRequest(result->request);
    lastResult_ = result;
}

void AnalysisDock::setCursorTime(double t) {
    if (phasePlane_->isVisible())
        phasePlane_->setCursorTime(t);
}

void AnalysisDock::applyPalette(bool dark) { phasePlane_->applyPalette(dark); }
