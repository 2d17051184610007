#include "heat_map_view.h"

#include "nice_ticks.h"

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

constexpr int kLeft = 70, kBottom = 46, kTop = 12, kKeyWidth = 240;

} // namespace

QString HeatMapView::metricTitle(Metric metric) {
    switch (metric) {
    case Metric::SpikeCount: return "spike count";
    case Metric::Rate: return "rate (Hz)";
    case Metric::FirstSpike: return "first spike (ms)";
    case Metric::CvIsi: return "ISI CV";
    case Metric::Pattern: return "firing pattern";
    }
    return {};
}

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

QRect HeatMapView::mapRect() const {
    return QRect(kLeft, kTop, std::max(10, width() - kLeft - kKeyWidth),
                 std::max(10, height() - kTop - kBottom));
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
        return QColor(0xf0, 0xf0, 0xf0); // undefined (no spike, too few ISIs)
    return viridis(hi > lo ? (*value - lo) / (hi - lo) : 0.5);
}

void HeatMapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!result_ || result_->cells.empty())
        return;
    const auto& r = *result_;
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& cell : r.cells)
        if (auto v = valueOf(cell)) {
            lo = std::min(lo, *v);
            hi = std::max(hi, *v);
        }
    // The cells drawn into an image, one pixel each, then scaled: exact
    // cell edges at any size.
    QImage image(int(r.x.count), int(r.y.count), QImage::Format_RGB32);
    for (std::size_t j = 0; j < r.y.count; ++j)
        for (std::size_t i = 0; i < r.x.count; ++i)
            image.setPixelColor(int(i), int(r.y.count - 1 - j), colourOf(r.at(i, j), lo, hi));
    const QRect map = mapRect();
    painter.drawImage(map, image);
    painter.setPen(palette().text().color());
    painter.drawRect(map.adjusted(0, 0, -1, -1));

    // Axes: round tick values along each swept parameter.
    const QFontMetrics metrics(font());
    auto axisTicks = [](const izh::SweepAxis& axis) {
        std::vector<double> ticks;
        const double a = std::min(axis.lo, axis.hi), b = std::max(axis.lo, axis.hi);
        if (!(b > a))
            return std::vector<double>{axis.lo};
        const double step = niceTickInterval(b - a, 5);
        for (double t = std::ceil(a / step) * step; t <= b + step * 1e-9; t += step)
            ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
        return ticks;
    };
    auto fraction = [](const izh::SweepAxis& axis, double t) {
        return axis.hi == axis.lo ? 0.5 : (t - axis.lo) / (axis.hi - axis.lo);
    };
    for (double t : axisTicks(r.x)) {
        const int x = map.left() + int(std::lround(fraction(r.x, t) * map.width()));
        painter.drawLine(x, map.bottom(), x, map.bottom() + 4);
        const QString label = QString::number(t, 'g', 4);
        painter.drawText(x - metrics.horizontalAdvance(label) / 2, map.bottom() + 6 + metrics.ascent(), label);
    }
    for (double t : axisTicks(r.y)) {
        const int y = map.bottom() - int(std::lround(fraction(r.y, t) * map.height()));
        painter.drawLine(map.left() - 4, y, map.left(), y);
        const QString label = QString::number(t, 'g', 4);
        painter.drawText(map.left() - 8 - metrics.horizontalAdvance(label), y + metrics.ascent() / 2, label);
    }
    const QString xName = QString::fromStdString(r.x.name), yName = QString::fromStdString(r.y.name);
    painter.drawText(map.center().x() - metrics.horizontalAdvance(xName) / 2, height() - 6, xName);
    painter.save();
    painter.translate(14, map.center().y() + metrics.horizontalAdvance(yName) / 2);
    painter.rotate(-90);
    painter.drawText(0, 0, yName);
    painter.restore();

    // Key: a colour bar, or the classes.
    const int keyLeft = map.right() + 24;
    painter.drawText(keyLeft, map.top() + metrics.ascent(), metricTitle(metric_));
    if (metric_ == Metric::Pattern) {
        int y = map.top() + 2 * metrics.height();
        for (const auto& p : kPatternColours) {
            painter.fillRect(keyLeft, y - metrics.ascent() + 2, 14, 12, p.colour);
            painter.drawText(keyLeft + 20, y, p.id);
            y += metrics.height() + 4;
        }
    } else if (lo <= hi) {
        const QRect bar(keyLeft, map.top() + 2 * metrics.height(), 18, map.height() - 3 * metrics.height());
        for (int y = 0; y < bar.height(); ++y)
            painter.fillRect(bar.left(), bar.bottom() - y, bar.width(), 1, viridis(double(y) / std::max(1, bar.height() - 1)));
        painter.drawRect(bar.adjusted(0, 0, -1, -1));
        painter.drawText(bar.right() + 6, bar.bottom(), QString::number(lo, 'g', 4));
        painter.drawText(bar.right() + 6, bar.top() + metrics.ascent(), QString::number(hi, 'g', 4));
    }
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
