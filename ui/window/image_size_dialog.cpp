// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/image_size_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

ImageSizeDialog::ImageSizeDialog(QSize initial, QWidget* parent)
    : QDialog(parent), width_(new QSpinBox), height_(new QSpinBox), scale_(new QComboBox) {
    setWindowTitle("Export plot as PNG");
    for (auto* box : {width_, height_}) {
        box->setRange(200, 8000);
        box->setSuffix(" px");
    }
    width_->setValue(initial.width());
    height_->setValue(initial.height());
    scale_->addItem("1× (screen)", 1.0);
    scale_->addItem("2× (HiDPI)", 2.0);
    scale_->addItem("3× (print)", 3.0);
    scale_->setCurrentIndex(1);
    auto* form = new QFormLayout(this);
    form->addRow("Width", width_);
    form->addRow("Height", height_);
    form->addRow("Pixel ratio", scale_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QSize ImageSizeDialog::imageSize() const { return {width_->value(), height_->value()}; }

qreal ImageSizeDialog::scale() const { return scale_->currentData().toReal(); }
