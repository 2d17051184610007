// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/model/parameter_catalogue.h"
#include "core/model/simulation_request.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QMap>
#include <QSlider>
#include <QWidget>

class QCheckBox;
class QGridLayout;

// Sliders with spin boxes for the parameter catalogue's main parameters (a, b, c,
// d, I; core/model/parameter_catalogue.h), and a collapsible "More"
// group for the other parameters and the simulation settings. It edits a
// SimulationRequest: every change emits requestChanged (the plot follows at
// once); each finished edit — one slider drag, one spin-box entry — emits
// editCommitted with the request before and after it (one undo step).
class ParameterPanel : public QWidget {
    Q_OBJECT

public:
    explicit ParameterPanel(QWidget* parent = nullptr);

    void setRequest(const izh::SimulationRequest& request); // no signals
    const izh::SimulationRequest& request() const { return request_; }

    // The controls by parameter name (a, b, c, d, I, vpeak, v0, u0, p2, p1,
    // p0, vb, e, duration, dt, rtol, atol), for tests and shortcuts.
    QSlider* slider(const QString& name) const { return sliders_.value(name); }
    QDoubleSpinBox* spinBox(const QString& name) const { return spins_.value(name); }
    QComboBox* integratorBox() const { return integrator_; }
    QCheckBox* automaticU0Box() const { return autoU0_; }

    // Slider positions map linearly onto these ranges, which cover every preset.
    struct SliderRange {
        double lo, hi;
    };
    static SliderRange sliderRange(const QString& name);

signals:
    void requestChanged(const izh::SimulationRequest& request);
    void editCommitted(const izh::SimulationRequest& before, const izh::SimulationRequest& after);

private:
    struct Field {
        QString name, label, unit, tip;
        int decimals;
        double step;
    };
    void addSliderRow(QGridLayout* grid, int row, const Field& field);
    void addSpinRow(QGridLayout* grid, int row, const Field& field);
    QDoubleSpinBox* makeSpin(const Field& field);
    void setValue(const QString& name, double value, bool fromSlider);
    void commit(const izh::SimulationRequest& before);
    void refreshWidgets();

    izh::SimulationRequest request_;
    izh::SimulationRequest dragStart_;
    QMap<QString, QSlider*> sliders_;
    QMap<QString, QDoubleSpinBox*> spins_;
    QComboBox* integrator_ = nullptr;
    QCheckBox* autoU0_ = nullptr;
    const izh::ParameterInfo* derived_ = nullptr; // u0's row
    bool updating_ = false;
};
