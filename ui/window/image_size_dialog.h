// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QSpinBox;
class QComboBox;

// Asks for the size of an exported PNG: width and height in logical pixels
// and the pixel ratio (2× for HiDPI screens and print).
class ImageSizeDialog : public QDialog {
    Q_OBJECT

public:
    ImageSizeDialog(QSize initial, QWidget* parent = nullptr);
    QSize imageSize() const;
    qreal scale() const;

private:
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* scale_;
};
