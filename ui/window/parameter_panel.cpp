// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/parameter_panel.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

namespace {
constexpr int kSliderSteps = 1000;

// The paper's meaning of each parameter, shown as tooltips.
const QString kTipA = "a: time scale of the recovery variable u. Smaller values mean slower "
                      "recovery (Izhikevich 2003: a = 0.02 for regular spiking, 0.1 for fast "
                      "spiking).";
const QString kTipB = "b: sensitivity of u to subthreshold fluctuations of v. Larger values couple "
                      "u and v more strongly, giving subthreshold oscillations and low-threshold "
                      "spiking (b = 0.2 typical, 0.25 for LTS and TC).";
const QString kTipC = "c: after-spike reset value of v (mV), set by the fast high-threshold K+ "
                      "conductances (c = -65 mV typical; -55 gives bursting, -50 chattering).";
const QString kTipD = "d: after-spike increment of u, set by slow Na+ and K+ conductances "
                      "(d = 8 for regular spiking, 2 for fast spiking and chattering).";
const QString kTipI = "I: input current — the amplitude of the protocol's primary component (a "
                      "step's amplitude, a ramp's slope, or the dc level). Numerically pA in the "
                      "NESTML tutorial's model.";
} // namespace

ParameterPanel::SliderRange ParameterPanel::sliderRange(const QString& name) {
    if (name == "a") return {-0.1, 1.2};
    if (name == "b") return {-1.2, 1.2};
    if (name == "c") return {-80.0, -30.0};
    if (name == "d") return {-25.0, 25.0};
    return {-30.0, 100.0}; // I
}

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* main = new QGridLayout;
    const Field mainFields[] = {
        {"a", "a", "", kTipA, 4, 0.001},  {"b", "b", "", kTipB, 4, 0.005},
        {"c", "c", "mV", kTipC, 2, 0.5},  {"d", "d", "", kTipD, 3, 0.1},
        {"I", "I", "", kTipI, 3, 0.1},
    };
    int row = 0;
    for (const auto& field : mainFields)
        addSliderRow(main, row++, field);
    layout->addLayout(main);

    auto* toggle = new QToolButton;
    toggle->setText("More");
    toggle->setToolTip("Show the other model parameters and the simulation settings");
    toggle->setCheckable(true);
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setArrowType(Qt::RightArrow);
    toggle->setAutoRaise(true);
    layout->addWidget(toggle);
    auto* more = new QWidget;
    more->setObjectName("moreGroup");
    auto* grid = new QGridLayout(more);
    grid->setContentsMargins(0, 0, 0, 0);
    const Field moreFields[] = {
        {"vpeak", "vpeak", "mV", "Spike cut-off: v is reset when it reaches vpeak (30 mV).", 2, 1},
        {"v0", "v0", "mV", "Initial membrane potential.", 2, 1},
        {"u0", "u0", "", "Initial recovery variable (automatic: b·v0, as in the scripts).", 3, 0.5},
        {"p2", "p2", "", "Quadratic coefficient of v² in dv/dt (0.04).", 4, 0.001},
        {"p1", "p1", "", "Linear coefficient of v in dv/dt (5; 4.1 for class 1 and integrator).",
         3, 0.1},
        {"p0", "p0", "", "Constant term of dv/dt (140; 108 for class 1 and integrator).", 2, 1},
        {"vb", "vb", "mV", "Offset of v in du/dt = a·(b·(v − vb) − e·u) (0; −65 for "
                           "accommodation).", 2, 1},
        {"e", "e", "", "Self-decay of u in du/dt (1; 0 for accommodation).", 3, 0.1},
        {"duration", "duration", "ms", "Length of the run.", 1, 10},
        {"dt", "dt", "ms", "Step of the fixed-step schemes; sampling grid of rk45.", 4, 0.01},
        {"rtol", "rtol", "", "Relative error tolerance of rk45.", 12, 1e-7},
        {"atol", "atol", "", "Absolute error tolerance of rk45.", 12, 1e-10},
    };
    row = 0;
    for (const auto& field : moreFields)
        addSpinRow(grid, row++, field);
    autoU0_ = new QCheckBox("b·v0");
    autoU0_->setToolTip("Start u at b·v0, as the published scripts do");
    grid->addWidget(autoU0_, 2, 3);
    integrator_ = new QComboBox;
    for (auto kind : izh::allIntegrators())
        integrator_->addItem(QString::fromUtf8(izh::integratorId(kind).data()),
                             static_cast<int>(kind));
    integrator_->setToolTip(
        "euler: NEST and Brian2. semi-implicit: the published MATLAB scripts. half-step: the "
        "2003 network code. rk4: fixed-step Runge-Kutta. rk45: adaptive, the converged "
        "reference.");
    grid->addWidget(new QLabel("integrator"), row, 0);
    grid->addWidget(integrator_, row, 1, 1, 2);
    more->setVisible(false);
    layout->addWidget(more);
    connect(toggle, &QToolButton::toggled, this, [toggle, more](bool open) {
        more->setVisible(open);
        toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });

    layout->addStretch(1);

    connect(autoU0_, &QCheckBox::toggled, this, [this](bool automatic) {
        if (updating_)
            return;
        const auto before = request_;
        if (automatic)
            request_.model.u0.reset();
        else
            request_.model.u0 = request_.model.initialU();
        refreshWidgets();
        emit requestChanged(request_);
        commit(before);
    });
    connect(integrator_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (updating_ || index < 0)
            return;
        const auto before = request_;
        request_.settings.integrator = static_cast<izh::IntegratorKind>(integrator_->itemData(index).toInt());
        refreshWidgets();
        emit requestChanged(request_);
        commit(before);
    });
    setRequest(request_);
}

QDoubleSpinBox* ParameterPanel::makeSpin(const Field& field) {
    auto* spin = new QDoubleSpinBox;
    spin->setObjectName(field.name + "Spin");
    spin->setDecimals(field.decimals);
    spin->setRange(-1e9, 1e9); // any finite value; the model validates
    spin->setSingleStep(field.step);
    spin->setKeyboardTracking(false); // one value per entry, not per keystroke
    spin->setToolTip(field.tip);
    spin->setSuffix(field.unit.isEmpty() ? QString() : " " + field.unit);
    spin->setMinimumWidth(90);
    spins_.insert(field.name, spin);
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, name = field.name](double value) {
        if (updating_)
            return;
        const auto before = request_;
        setValue(name, value, false);
        commit(before);
    });
    return spin;
}

void ParameterPanel::addSliderRow(QGridLayout* grid, int row, const Field& field) {
    auto* label = new QLabel(field.label);
    label->setToolTip(field.tip);
    auto* slider = new QSlider(Qt::Horizontal);
    slider->setObjectName(field.name + "Slider");
    slider->setRange(0, kSliderSteps);
    slider->setToolTip(field.tip);
    slider->setMinimumWidth(160);
    sliders_.insert(field.name, slider);
    grid->addWidget(label, row, 0);
    grid->addWidget(slider, row, 1);
    grid->addWidget(makeSpin(field), row, 2);
    const auto range = sliderRange(field.name);
    connect(slider, &QSlider::valueChanged, this, [this, range, name = field.name, slider](int pos) {
        if (updating_)
            return;
        const double value = range.lo + (range.hi - range.lo) * pos / kSliderSteps;
        const auto before = request_;
        setValue(name, value, true);
        if (!slider->isSliderDown()) // keyboard or click: a finished edit already
            commit(before);
    });
    connect(slider, &QSlider::sliderPressed, this, [this] { dragStart_ = request_; });
    connect(slider, &QSlider::sliderReleased, this, [this] { commit(dragStart_); });
}

void ParameterPanel::addSpinRow(QGridLayout* grid, int row, const Field& field) {
    auto* label = new QLabel(field.label);
    label->setToolTip(field.tip);
    grid->addWidget(label, row, 0);
    grid->addWidget(makeSpin(field), row, 1, 1, 2);
}

void ParameterPanel::setValue(const QString& name, double value, bool fromSlider) {
    // Rounded to what the spin box shows, so a slider drag yields tidy values.
    if (fromSlider) {
        const double scale = std::pow(10.0, spins_[name]->decimals());
        value = std::round(value * scale) / scale;
    }
    request_.set(name.toStdString(), value);
    refreshWidgets();
    emit requestChanged(request_);
}

void ParameterPanel::commit(const izh::SimulationRequest& before) {
    if (!(before == request_))
        emit editCommitted(before, request_);
}

void ParameterPanel::setRequest(const izh::SimulationRequest& request) {
    request_ = request;
    refreshWidgets();
}

void ParameterPanel::refreshWidgets() {
    const bool wasUpdating = updating_;
    updating_ = true;
    for (auto it = spins_.begin(); it != spins_.end(); ++it) {
        const double value = request_.get(it.key().toStdString());
        if (it.value()->value() != value)
            it.value()->setValue(value);
        if (auto* slider = sliders_.value(it.key()); slider && !slider->isSliderDown()) {
            const auto range = sliderRange(it.key());
            const double pos = (value - range.lo) / (range.hi - range.lo) * kSliderSteps;
            slider->setValue(int(std::lround(std::clamp(pos, 0.0, double(kSliderSteps)))));
        }
    }
    spins_["u0"]->setEnabled(request_.model.u0.has_value());
    autoU0_->setChecked(!request_.model.u0.has_value());
    integrator_->setCurrentIndex(integrator_->findData(static_cast<int>(request_.settings.integrator)));
    const bool adaptive = request_.settings.integrator == izh::IntegratorKind::RK45;
    spins_["rtol"]->setEnabled(adaptive);
    spins_["atol"]->setEnabled(adaptive);
    updating_ = wasUpdating;
}
