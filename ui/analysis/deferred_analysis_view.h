// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/simulation_request.h"

#include <QWidget>

// An analysis of the current parameters that is computed only while shown:
// a new request marks it stale and recomputes at once when visible, else when
// the view is next shown. Subclasses compute in recompute() and emit computed()
// when the result is on screen.
class DeferredAnalysisView : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;
    void setRequest(const izh::SimulationRequest& request);

signals:
    void computed();

protected:
    void showEvent(QShowEvent* event) override;
    const izh::SimulationRequest& request() const { return request_; }
    // Computes now, for the current request (also for the view's own controls).
    void recomputeNow();

private:
    virtual void recompute() = 0;

    izh::SimulationRequest request_;
    bool stale_ = true;
};
