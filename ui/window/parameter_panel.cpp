// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/parameter_panel.h"

#include "core/model/parameter_catalogue.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

namespace {
constexpr int kSliderSteps = 1000;

QString text(std::string_view view) { return QString::fromUtf8(view.data(), qsizetype(view.size())); }
} // namespace

ParameterPanel::SliderRange ParameterPanel::sliderRange(const QString& name) {
    const izh::ParameterInfo& info = izh::parameter(name.toStdString());
    return {info.sliderMin, info.sliderMax};
}

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // The catalogue's slider parameters (a, b, c, d, I) on top; the others,
    // and the integrator, under More.
    auto* main = new QGridLayout;
    auto* more = new QWidget;
    more->setObjectName("moreGroup");
    auto* grid = new QGridLayout(more);
    grid->setContentsMargins(0, 0, 0, 0);
    int mainRow = 0, moreRow = 0;
    for (const auto& info : izh::parameterCatalogue()) {
        const Field field{text(info.name), text(info.name), text(info.unit), text(info.meaning),
                          info.decimals, info.step};
        if (info.onSlider) {
            addSliderRow(main, mainRow++, field);
            continue;
        }
        if (info.derive) { // u0: a box turns "derived from the others" on and off
            derived_ = &info;
            autoU0_ = new QCheckBox("b·v0");
            autoU0_->setToolTip("Start u at b·v0, as the published scripts do");
            grid->addWidget(autoU0_, moreRow, 3);
        }
        addSpinRow(grid, moreRow++, field);
    }
    layout->addLayout(main);

    auto* toggle = new QToolButton;
    toggle->setText("More");
    toggle->setToolTip("Show the other model parameters and the simulation settings");
    toggle->setCheckable(true);
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setArrowType(Qt::RightArrow);
    toggle->setAutoRaise(true);
    layout->addWidget(toggle);
    integrator_ = new QComboBox;
    QStringList schemes;
    for (const auto& info : izh::integratorCatalogue()) {
        integrator_->addItem(text(info.id), static_cast<int>(info.kind));
        schemes << text(info.id) + ": " + text(info.scheme) + " (" + text(info.usedBy) + ").";
    }
    integrator_->setToolTip(schemes.join("\n"));
    grid->addWidget(new QLabel("integrator"), moreRow, 0);
    grid->addWidget(integrator_, moreRow, 1, 1, 2);
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
            derived_->derive(request_);
        else
            derived_->set(request_, derived_->get(request_));
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
    izh::setParameter(request_, name.toStdString(), value);
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
        const double value = izh::getParameter(request_, it.key().toStdString());
        if (it.value()->value() != value)
            it.value()->setValue(value);
        if (auto* slider = sliders_.value(it.key()); slider && !slider->isSliderDown()) {
            const auto range = sliderRange(it.key());
            const double pos = (value - range.lo) / (range.hi - range.lo) * kSliderSteps;
            slider->setValue(int(std::lround(std::clamp(pos, 0.0, double(kSliderSteps)))));
        }
    }
    const bool derived = derived_->isDerived(request_);
    spins_[text(derived_->name)]->setEnabled(!derived);
    autoU0_->setChecked(derived);
    integrator_->setCurrentIndex(integrator_->findData(static_cast<int>(request_.settings.integrator)));
    const bool adaptive = request_.settings.integrator == izh::IntegratorKind::RK45;
    spins_["rtol"]->setEnabled(adaptive);
    spins_["atol"]->setEnabled(adaptive);
    updating_ = wasUpdating;
}
