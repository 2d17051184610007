// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/gallery/gallery_view.h"

#include "core/integrate/simulator.h"
#include "ui/controller/plot_series_builder.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QImage>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QValueAxis>
#include <algorithm>

namespace {

// v spans [-90, 30] mV as in the paper's panels; the input is drawn as a
// schematic in a band beneath it, scaled to its own range.
constexpr double kVLow = -90, kVHigh = 30, kInputLow = -112, kInputHigh = -96;

class GalleryPanel : public QChartView {
public:
    GalleryPanel(const izh::Preset& preset, QWidget* parent) : QChartView(new QChart, parent), id_(QString::fromStdString(preset.id)) {
        QChart* c = chart();
        c->legend()->hide();
        c->layout()->setContentsMargins(0, 0, 0, 0);
        c->setMargins(QMargins(2, 0, 2, 2));
        c->setBackgroundRoundness(0);
        c->setTitle(QString::fromStdString(preset.title));
        QFont titleFont = c->titleFont();
        titleFont.setPointSizeF(9);
        titleFont.setBold(true);
        c->setTitleFont(titleFont);

        const auto trajectory = izh::simulate(preset.request);
        const double duration = preset.request.settings.duration;
        auto* v = new QLineSeries;
        auto* input = new QLineSeries;
        // Reduced like the explorer's plots: a panel is at most ~500 px wide.
        const auto series = buildPlotSeries(trajectory, preset.request.model.vpeak, {0, duration, 500});
        const QList<QPointF>& vPoints = series.v;
        QList<QPointF> iPoints = series.current;
        const auto [lo, hi] = std::minmax_element(trajectory.current.begin(), trajectory.current.end());
        const double span = *hi - *lo;
        for (auto& p : iPoints) // a flat input sits at the band's bottom
            p.setY(kInputLow + (span > 0 ? (p.y() - *lo) / span : 0) * (kInputHigh - kInputLow));
        v->replace(vPoints);
        input->replace(iPoints);
        v->setPen(QPen(QColor(0x1f, 0x5f, 0xbf), 1.2));
        input->setPen(QPen(QColor(0x2e, 0x7d, 0x32), 1.2));
        c->addSeries(v);
        c->addSeries(input);
        auto* time = new QValueAxis;
        auto* value = new QValueAxis;
        time->setRange(0, duration);
        value->setRange(kInputLow - 2, kVHigh + 4);
        c->addAxis(time, Qt::AlignBottom);
        c->addAxis(value, Qt::AlignLeft);
        for (auto* s : {v, input}) {
            s->attachAxis(time);
            s->attachAxis(value);
        }
        time->hide(); // "axis off", as in the paper
        value->hide();
        setRenderHint(QPainter::Antialiasing);
        setToolTip(QString::fromStdString(preset.description + "\n" + preset.source) +
                   "\nClick to load it in the explorer.");
        setCursor(Qt::PointingHandCursor);
        setMinimumSize(160, 120);
    }

    QString id() const { return id_; }

protected:
    void mouseReleaseEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton)
            if (auto* gallery = qobject_cast<GalleryView*>(parentWidget()))
                emit gallery->presetClicked(id_);
        QChartView::mouseReleaseEvent(event);
    }

private:
    QString id_;
};

} // namespace

GalleryView::GalleryView(izh::PresetGroup group, QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setSpacing(4);
    int index = 0;
    for (const auto& preset : izh::presets()) {
        if (preset.group != group)
            continue;
        auto* panel = new GalleryPanel(preset, this);
        grid->addWidget(panel, index / columns(), index % columns());
        ids_ << QString::fromStdString(preset.id);
        ++index;
    }
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
}

int GalleryView::rows() const { return int((ids_.size() + columns() - 1) / columns()); }

QImage GalleryView::render(QSize size, qreal scale) {
    setAttribute(Qt::WA_DontShowOnScreen);
    resize(size);
    show();
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::processEvents();
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QWidget::render(&painter);
    painter.end();
    return image;
}
