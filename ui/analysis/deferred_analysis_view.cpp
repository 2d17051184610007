// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/analysis/deferred_analysis_view.h"

void DeferredAnalysisView::setRequest(const izh::SimulationRequest& request) {
    request_ = request;
    stale_ = true;
    if (isVisible())
        recomputeNow();
}

void DeferredAnalysisView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_)
        recomputeNow();
}

void DeferredAnalysisView::recomputeNow() {
    stale_ = false;
    recompute();
}
