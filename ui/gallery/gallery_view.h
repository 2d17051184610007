// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/presets/preset_library.h"

#include <QWidget>

class QGridLayout;

// The published figures as a grid of small panels, laid out as in the papers:
// the eight 2003 Fig. 2 regimes (2×4) or the twenty 2004 features (5×4). Each
// panel runs its preset exactly and draws v(t) with the input current beneath
// it, like the original MATLAB figure. Clicking a panel asks to load that preset.
class GalleryView : public QWidget {
    Q_OBJECT

public:
    GalleryView(izh::PresetGroup group, QWidget* parent = nullptr);

    int columns() const { return 4; }
    int rows() const;
    QStringList presetIds() const { return ids_; }

    // The image of the whole grid at `size` logical pixels (and `scale`).
    QImage render(QSize size, qreal scale = 2.0);

signals:
    void presetClicked(const QString& id);

private:
    QStringList ids_;
};
