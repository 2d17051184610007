// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sweep/heat_map_view.h"

#include "ui/plots/nice_ticks.h"

#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace {

// Viridis, as a degree-6 polynomial fit per channel (accurate to about 1/255).
QColor viridis(double t) {
    t = std::clamp(t, 0.0, 1.0);
    static const double c[7][3] = {{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                                   {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                                   {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                                   {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                                   {6.228269936347081, 14.17993336680509, 56.69055260068105},
                                   {4.776384997670288, -13.74514537774601, -65.35303263337234},
                                   {-5.435455855934631, 4.645852612178535, 26.3124352495832}};
    double rgb[3];
    for (int k = 0; k < 3; ++k) {
        double v = c[6][k];
        for (int p = 5; p >= 0; --p)
            v = c[p][k] + t * v;
        rgb[k] = std::clamp(v, 0.0, 1.0);
    }
    return QColor::fromRgbF(float(rgb[0]), float(rgb[1]), float(rgb[2]));
}

// Okabe & Ito's colour-blind-safe categorical palette, one per class.
struct PatternColour {
    const char* id;
    QColor colour;
};
const PatternColour kPatternColours[] = {
    {"quiescent", QColor(0xdd, 0xdd, 0xdd)},
    {"tonic-spiking", QColor(0x00, 0x72, 0xb2)},
    {"phasic-spiking", QColor(0x56, 0xb4, 0xe9)},
    {"tonic-bursting", QColor(0xd5, 0x5e, 0x00)},
    {"phasic-bursting", QColor(0xe6, 0x9f, 0x00)},
    {"mixed-mode", QColor(0xcc, 0x79, 0xa7)},
    {"spike-frequency-adaptation", QColor(0x00, 0x9e, 0x73)},
    {"diverged", QColor(0x00, 0x00, 0x00)},
};

QColor patternColour(std::string_view id) {
    for (const auto& p : kPatternColours)
        if (id == p.id)
            return p.colour;
    return Qt::magenta;
}

constexpr int kLeft = 70, kBottom = 46, kKeyWidth = 240;

// Above the map: the title's line and a gap.
int topMargin(const QFontMetrics& metrics) { return 2 * metrics.height() + 4; }

const QColor kUndefined(0xf0, 0xf0, 0xf0); // a numeric metric with no value (no spike, ...)

} // namespace

HeatMapView::HeatMapView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setMinimumSize(420, 320);
}

void HeatMapView::setResult(std::shared_ptr<const izh::SweepResult> result) {
    result_ = std::move(result);
    update();
}

void HeatMapView::setMetric(Metric metric) {
    metric_ = metric;
    update();
}

QRect HeatMapView::mapRectFor(QSize size) const {
    const int top = topMargin(QFontMetrics(font()));
    return QRect(kLeft, top, std::max(10, size.width() - kLeft - kKeyWidth),
                 std::max(10, size.height() - top - kBottom));
}

std::optional<double> HeatMapView::valueOf(const izh::SweepCell& cell) const {
    switch (metric_) {
    case Metric::SpikeCount: return double(cell.spikeCount);
    case Metric::Rate: return cell.rateHz;
    case Metric::FirstSpike: return cell.firstSpike;
    case Metric::CvIsi: return cell.cvIsi;
    case Metric::Pattern: return std::nullopt;
    }
    return std::nullopt;
}

QColor HeatMapView::colourOf(const izh::SweepCell& cell, double lo, double hi) const {
    if (metric_ == Metric::Pattern)
        return patternColour(cell.patternId());
    if (cell.divergenceTime)
        return Qt::black;
    const auto value = valueOf(cell);
    if (!value)
        return kUndefined;
    return viridis(hi > lo ? (*value - lo) / (hi - lo) : 0.5);
}

void HeatMapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paint(painter, size());
}

QImage HeatMapView::render(QSize size, qreal scale) const {
    QImage image(size * scale, QImage::Format_RGB32);
    image.setDevicePixelRatio(scale);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paint(painter, size);
    painter.end();
    return image;
}

void HeatMapView::paint(QPainter& painter, QSize size) const {
    painter.fillRect(QRect(QPoint(0, 0), size), palette().base());
    if (!result_ || result_->cells.empty())
        return;
    const auto& r = *result_;
    double lo = INFINITY, hi = -INFINITY;
    bool undefined = false, diverged = false;
    for (const auto& cell : r.cells) {
        diverged |= cell.divergenceTime.has_value();
        if (auto v = valueOf(cell)) {
            lo = std::min(lo, *v);
            hi = std::max(hi, *v);
        } else if (!cell.divergenceTime) {
            undefined = true;
        }
    }
    // The cells drawn into an image, one pixel each, then scaled without
    // smoothing: exact cell edges at any size.
    QImage image(int(r.x.count), int(r.y.count), QImage::Format_RGB32);
    for (std::size_t j = 0; j < r.y.count; ++j)
        for (std::size_t i = 0; i < r.x.count; ++i)
            image.setPixelColor(int(i), int(r.y.count - 1 - j), colourOf(r.at(i, j), lo, hi));
    const QRect map = mapRectFor(size);
    painter.drawImage(map, image);
    painter.setPen(palette().text().color());
    painter.drawRect(map.adjusted(0, 0, -1, -1));
    painter.setFont(font());
    const QFontMetrics metrics(font());

    // Title: what is shown, over which two parameters.
    const QString xName = QString::fromStdString(r.x.name);
    const QString yName = QString::fromStdString(r.y.name);
    QString title = sweepMetricTitle(metric_);
    title[0] = title[0].toUpper();
    title += QString(" over %1 × %2 (%3 × %4 cells)")
                 .arg(xName, yName)
                 .arg(r.x.count)
                 .arg(r.y.count);
    if (r.cancelled)
        title += " — cancelled: not every cell was run";
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRect(map.left(), 0, map.width(), map.top() - 4),
                     Qt::AlignHCenter | Qt::AlignVCenter, title);
    painter.setFont(font());

    // Axes: round tick values along each swept parameter.
    auto fraction = [](const izh::SweepAxis& axis, double t) {
        return axis.hi == axis.lo ? 0.5 : (t - axis.lo) / (axis.hi - axis.lo);
    };
    for (double t : niceTicks(r.x.lo, r.x.hi, 5)) {
        const int x = map.left() + int(std::lround(fraction(r.x, t) * map.width()));
        painter.drawLine(x, map.bottom(), x, map.bottom() + 4);
        const QString label = QString::number(t, 'g', 4);
        painter.drawText(x - metrics.horizontalAdvance(label) / 2,
                         map.bottom() + 6 + metrics.ascent(), label);
    }
    for (double t : niceTicks(r.y.lo, r.y.hi, 5)) {
        const int y = map.bottom() - int(std::lround(fraction(r.y, t) * map.height()));
        painter.drawLine(map.left() - 4, y, map.left(), y);
        const QString label = QString::number(t, 'g', 4);
        painter.drawText(map.left() - 8 - metrics.horizontalAdvance(label),
                         y + metrics.ascent() / 2, label);
    }
    painter.drawText(map.center().x() - metrics.horizontalAdvance(xName) / 2, size.height() - 6,
                     xName);
    painter.save();
    painter.translate(14 + metrics.ascent() / 2,
                      map.center().y() + metrics.horizontalAdvance(yName) / 2);
    painter.rotate(-90);
    painter.drawText(0, 0, yName);
    painter.restore();

    // Key: a colour bar with round values, or the classes; then swatches for
    // the cells the bar does not cover.
    const int keyLeft = map.right() + 24;
    painter.drawText(keyLeft, map.top() + metrics.ascent(), sweepMetricTitle(metric_));
    auto swatch = [&](int y, const QColor& colour, const QString& label) {
        painter.fillRect(keyLeft, y - metrics.ascent() + 1, 14, 12, colour);
        painter.drawRect(keyLeft, y - metrics.ascent() + 1, 13, 11);
        painter.drawText(keyLeft + 20, y, label);
    };
    if (metric_ == Metric::Pattern) {
        int y = map.top() + 2 * metrics.height();
        for (const auto& p : kPatternColours) {
            swatch(y, p.colour, p.id);
            y += metrics.height() + 4;
        }
        return;
    }
    const int swatches = int(undefined) + int(diverged);
    const int barTop = map.top() + 2 * metrics.height();
    const int barBottom = map.bottom() - (swatches > 0 ? swatches * (metrics.height() + 4) + 8 : 0);
    if (lo == hi) { // one value: a swatch, not a scale that spans nothing
        swatch(barTop + metrics.ascent(), viridis(0.5), QString::number(lo, 'g', 4));
    } else if (lo < hi && barBottom - barTop > 20) {
        const QRect bar(keyLeft, barTop, 18, barBottom - barTop);
        for (int y = 0; y < bar.height(); ++y)
            painter.fillRect(bar.left(), bar.bottom() - y, bar.width(), 1,
                             viridis(double(y) / std::max(1, bar.height() - 1)));
        painter.drawRect(bar.adjusted(0, 0, -1, -1));
        auto barY = [&](double value) {
            return bar.bottom() - int(std::lround((value - lo) / (hi - lo) * (bar.height() - 1)));
        };
        std::vector<double> ticks = niceTicks(lo, hi, 6);
        if (metric_ == Metric::SpikeCount) // whole numbers only
            std::erase_if(ticks, [](double t) { return t != std::floor(t); });
        for (double t : ticks) {
            const int y = barY(t);
            painter.drawLine(bar.right() + 1, y, bar.right() + 4, y);
            painter.drawText(bar.right() + 8, y + metrics.ascent() / 2 - 1,
                             QString::number(t, 'g', 4));
        }
    }
    int y = barBottom + 8 + metrics.ascent();
    if (undefined) {
        swatch(y, kUndefined,
               metric_ == Metric::FirstSpike ? "no spike" : "fewer than 2 intervals");
        y += metrics.height() + 4;
    }
    if (diverged)
        swatch(y, Qt::black, "diverged");
}

bool HeatMapView::cellAt(QPoint position, std::size_t& i, std::size_t& j) const {
    if (!result_)
        return false;
    const QRect map = mapRect();
    if (!map.contains(position))
        return false;
    const double fx = double(position.x() - map.left()) / map.width();
    const double fy = double(map.bottom() - position.y()) / map.height();
    i = std::min(result_->x.count - 1, std::size_t(fx * double(result_->x.count)));
    j = std::min(result_->y.count - 1, std::size_t(std::max(0.0, fy) * double(result_->y.count)));
    return true;
}

QString HeatMapView::describe(std::size_t i, std::size_t j) const {
    const auto& r = *result_;
    const auto& cell = r.at(i, j);
    QString text = QString("%1 = %2, %3 = %4: %5 spikes, %6 Hz")
                       .arg(QString::fromStdString(r.x.name))
                       .arg(r.x.value(i), 0, 'g', 6)
                       .arg(QString::fromStdString(r.y.name))
                       .arg(r.y.value(j), 0, 'g', 6)
                       .arg(cell.spikeCount)
                       .arg(cell.rateHz, 0, 'g', 4);
    if (cell.firstSpike)
        text += QString(", first spike %1 ms").arg(*cell.firstSpike, 0, 'g', 5);
    if (cell.cvIsi)
        text += QString(", CV %1").arg(*cell.cvIsi, 0, 'g', 3);
    text += ", " + QString::fromUtf8(cell.patternId().data());
    return text;
}

void HeatMapView::mouseMoveEvent(QMouseEvent* event) {
    std::size_t i, j;
    emit cellHovered(cellAt(event->position().toPoint(), i, j) ? describe(i, j) : QString());
}

void HeatMapView::mouseReleaseEvent(QMouseEvent* event) {
    std::size_t i, j;
    if (event->button() == Qt::LeftButton && cellAt(event->position().toPoint(), i, j))
        emit cellClicked(i, j);
}

void HeatMapView::leaveEvent(QEvent*) { emit cellHovered({}); }
