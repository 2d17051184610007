// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/analysis/phase_plane_view.h"

#include "core/analysis/phase_plane.h"
#include "ui/plots/nice_ticks.h"


#include <QChart>
#include <QGraphicsLayout>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <vector>

namespace {
constexpr int kNullclinePoints = 300;
constexpr std::size_t kMaxTrajectoryPoints = 4000;
constexpr double kFieldSpacing = 34; // pixels between the vector field's arrows
constexpr int kMaxFieldCells = 40;   // per axis
// Qt Charts stacks the plot area (z 0), grid (2), axes (3) and series (4):
// the field goes over the grid and under everything drawn from the run.
constexpr double kFieldZ = 2.5;

const izh::FixedPointType kTypes[] = {
    izh::FixedPointType::StableNode,   izh::FixedPointType::StableFocus,
    izh::FixedPointType::UnstableNode, izh::FixedPointType::UnstableFocus,
    izh::FixedPointType::Saddle,       izh::FixedPointType::Center};

QColor colourOf(izh::FixedPointType type) {
    switch (type) {
    case izh::FixedPointType::StableNode:
    case izh::FixedPointType::StableFocus: return QColor(0x2e, 0x7d, 0x32);
    case izh::FixedPointType::UnstableNode:
    case izh::FixedPointType::UnstableFocus: return QColor(0xc6, 0x28, 0x28);
    case izh::FixedPointType::Saddle: return QColor(0xef, 0x8f, 0x00);
    case izh::FixedPointType::Center: return QColor(0x6a, 0x1b, 0x9a);
    }
    return Qt::black;
}
} // namespace

PhasePlaneView::PhasePlaneView(QWidget* parent)
    : QChartView(new QChart, parent), trajectory_(new QLineSeries), vNullcline_(new QLineSeries),
      uNullcline_(new QLineSeries), peakLine_(new QLineSeries), resetLine_(new QLineSeries),
      cursor_(new QScatterSeries), vAxis_(new QValueAxis), uAxis_(new QValueAxis),
      vectorFieldAction_(new QAction("Vector field in the phase plane", this)),
      fieldItem_(new QGraphicsPathItem(chart())) {
    QChart* c = chart();
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    trajectory_->setName("trajectory");
    vNullcline_->setName("v-nullcline");
    uNullcline_->setName("u-nullcline");
    peakLine_->setName("vpeak");
    resetLine_->setName("reset c");
    cursor_->setName("cursor");
    cursor_->setMarkerSize(9);
    cursor_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    for (auto* s : {trajectory_, vNullcline_, uNullcline_, peakLine_, resetLine_})
        c->addSeries(s);
    for (auto type : kTypes) {
        auto* points = new QScatterSeries;
        points->setName(QString::fromUtf8(izh::fixedPointTypeTitle(type).data()));
        points->setMarkerSize(11);
        points->setColor(colourOf(type));
        points->setBorderColor(Qt::black);
        c->addSeries(points);
        fixedPoints_ << points;
    }
    c->addSeries(cursor_);
    vAxis_->setTitleText("v (mV)");
    uAxis_->setTitleText("u");
    vAxis_->setLabelFormat("%g");
    uAxis_->setLabelFormat("%g");
    c->addAxis(vAxis_, Qt::AlignBottom);
    c->addAxis(uAxis_, Qt::AlignLeft);
    for (auto* s : c->series()) {
        s->attachAxis(vAxis_);
        s->attachAxis(uAxis_);
    }
    // A narrow dock has no room for a legend: the title names the fixed
    // points, the tooltip the curves.
    c->legend()->hide();
    setToolTip("Blue: trajectory (u against v). Orange: v-nullcline u = p2·v² + p1·v + p0 + I. "
               "Green: u-nullcline. Dashed: vpeak; dotted: reset v = c. Fixed points: green "
               "stable, red unstable, amber saddle. Grey arrows: the direction of "
               "(dv/dt, du/dt), longer where faster (right-click to hide). Hover over the "
               "traces to move the cursor.");
    setRenderHint(QPainter::Antialiasing);

    fieldItem_->setZValue(kFieldZ);
    vectorFieldAction_->setCheckable(true);
    vectorFieldAction_->setChecked(true);
    vectorFieldAction_->setToolTip("Arrows along (dv/dt, du/dt) for the input at the cursor");
    addAction(vectorFieldAction_);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(vectorFieldAction_, &QAction::toggled, this, [this] { drawVectorField(); });
    // The arrows are laid out in pixels: redo them when the plot area moves.
    connect(c, &QChart::plotAreaChanged, this, [this] { drawVectorField(); });
    applyPalette(false);
}

void PhasePlaneView::showResult(const std::shared_ptr<const SimulationResult>& result) {
    result_ = result;
    if (!result || !result->trajectory || result->trajectory->sampleCount() == 0)
        return;
    const auto& t = *result->trajectory;
    const auto& m = result->request.model;
    // Every k-th sample, but always the spike samples (v = vpeak), so the
    // resets draw as the horizontal jumps they are.
    const std::size_t stride = std::max<std::size_t>(1, t.sampleCount() / kMaxTrajectoryPoints);
    QList<QPointF> points;
    double vLo = m.c, uLo = INFINITY, uHi = -INFINITY;
    for (std::size_t j = 0; j < t.sampleCount(); ++j) {
        if (j % stride != 0 && t.v[j] < m.vpeak && j + 1 != t.sampleCount())
            continue;
        points.append({t.v[j], t.u[j]});
        vLo = std::min(vLo, t.v[j]);
        uLo = std::min(uLo, t.u[j]);
        uHi = std::max(uHi, t.u[j]);
    }
    trajectory_->replace(points);
    const double vHi = m.vpeak + 5;
    vLo = std::floor(std::min(vLo, -80.0) / 10) * 10;
    setNiceRange(vAxis_, vLo, vHi, 6);
    const double pad = std::max(1.0, 0.25 * (uHi - uLo));
    setNiceRange(uAxis_, uLo - pad, uHi + pad, 6);
    peakLine_->replace({{m.vpeak, uAxis_->min()}, {m.vpeak, uAxis_->max()}});
    resetLine_->replace({{m.c, uAxis_->min()}, {m.c, uAxis_->max()}});
    fieldCurrent_ = NAN; // a new model and axes: the nullclines are drawn afresh
    setCursorTime(NAN);
}

void PhasePlaneView::setCursorTime(double time) {
    if (!result_ || !result_->trajectory || result_->trajectory->sampleCount() == 0)
        return;
    const auto& t = *result_->trajectory;
    double current = t.current.back();
    if (std::isnan(time)) {
        cursor_->clear();
    } else {
        const auto j = static_cast<std::size_t>(
            std::clamp(std::lround(time / t.dt), 0L, long(t.sampleCount() - 1)));
        cursor_->replace({{t.v[j], t.u[j]}});
        current = t.current[j];
    }
    // The cursor follows every mouse move; under a constant input the
    // nullclines, fixed points and field it would redraw are the same.
    if (!(current == fieldCurrent_))
        drawNullclinesFor(current);
}

void PhasePlaneView::drawNullclinesFor(double current) {
    const auto& m = result_->request.model;
    const double lo = vAxis_->min(), hi = vAxis_->max();
    QList<QPointF> vPoints, uPoints;
    for (int k = 0; k <= kNullclinePoints; ++k) {
        const double v = lo + (hi - lo) * k / kNullclinePoints;
        vPoints.append({v, izh::vNullcline(m, current, v)});
        if (!izh::uNullclineIsVertical(m))
            uPoints.append({v, izh::uNullcline(m, v)});
    }
    if (izh::uNullclineIsVertical(m))
        uPoints = {{m.vb, uAxis_->min()}, {m.vb, uAxis_->max()}};
    vNullcline_->replace(vPoints);
    uNullcline_->replace(uPoints);
    fieldCurrent_ = current;
    drawVectorField();
    for (auto* series : fixedPoints_)
        series->clear();
    const auto points = izh::fixedPoints(m, current);
    QStringList found;
    for (const auto& p : points) {
        const auto index = std::find(std::begin(kTypes), std::end(kTypes), p.type) - std::begin(kTypes);
        fixedPoints_[int(index)]->append(p.v, p.u);
        found << QString("%1 at (%2, %3)")
                     .arg(QString::fromUtf8(izh::fixedPointTypeTitle(p.type).data()))
                     .arg(p.v, 0, 'f', 1)
                     .arg(p.u, 0, 'f', 2);
    }
    chart()->setTitle(QString("Phase plane at I = %1<br><small>%2</small>")
                          .arg(current, 0, 'g', 4)
                          .arg(found.isEmpty() ? "no fixed point: the neuron fires tonically"
                                               : found.join("; ")));
}

void PhasePlaneView::setVectorFieldVisible(bool visible) {
    vectorFieldAction_->setChecked(visible);
}

bool PhasePlaneView::vectorFieldVisible() const { return vectorFieldAction_->isChecked(); }

void PhasePlaneView::drawVectorField() {
    fieldArrows_.clear();
    fieldGrid_ = {};
    QPainterPath path;
    const QRectF area = chart()->plotArea();
    const double vLo = vAxis_->min(), vHi = vAxis_->max();
    const double uLo = uAxis_->min(), uHi = uAxis_->max();
    if (!vectorFieldVisible() || !result_ || std::isnan(fieldCurrent_) || area.width() < 20 ||
        area.height() < 20 || !(vHi > vLo) || !(uHi > uLo)) {
        fieldItem_->setPath(path);
        return;
    }
    const auto& m = result_->request.model;
    const int columns =
        std::clamp(int(std::lround(area.width() / kFieldSpacing)), 3, kMaxFieldCells);
    const int rows = std::clamp(int(std::lround(area.height() / kFieldSpacing)), 3, kMaxFieldCells);
    const double cellWidth = area.width() / columns, cellHeight = area.height() / rows;
    const double xPerV = area.width() / (vHi - vLo), yPerU = area.height() / (uHi - uLo);

    // The field in pixels per ms, as the eye sees it: |du/dt| is tiny in mV
    // terms but not against the u axis's range.
    std::vector<double> speeds;
    fieldArrows_.reserve(columns * rows);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column) {
            FieldArrow arrow;
            arrow.v = vLo + (column + 0.5) / columns * (vHi - vLo);
            arrow.u = uLo + (row + 0.5) / rows * (uHi - uLo);
            const auto f = izh::phaseVelocity(m, fieldCurrent_, arrow.v, arrow.u);
            arrow.dv = f.dv;
            arrow.du = f.du;
            arrow.tail = arrow.head = QPointF(area.left() + (column + 0.5) * cellWidth,
                                              area.bottom() - (row + 0.5) * cellHeight);
            const double speed = std::hypot(f.dv * xPerV, f.du * yPerU);
            if (speed > 0 && std::isfinite(speed))
                speeds.push_back(speed);
            fieldArrows_.append(arrow);
        }
    }
    fieldGrid_ = QSize(columns, rows);
    if (speeds.empty()) {
        fieldItem_->setPath(path);
        return;
    }
    // Lengths from 30 % to 80 % of a cell, by log(1 + speed/median): the
    // median arrow is short but visible, the fastest never leaves its cell.
    std::nth_element(speeds.begin(), speeds.begin() + speeds.size() / 2, speeds.end());
    const double typical = speeds[speeds.size() / 2];
    const double fastest = *std::max_element(speeds.begin(), speeds.end());
    const double longest = 0.8 * std::min(cellWidth, cellHeight), shortest = 0.3 * longest;
    const double logRange = std::log1p(fastest / typical);
    constexpr double kBarbAngle = 0.45; // radians either side of the shaft
    for (auto& arrow : fieldArrows_) {
        const QPointF step(arrow.dv * xPerV, -arrow.du * yPerU); // screen y grows downwards
        const double speed = std::hypot(step.x(), step.y());
        if (!(speed > 0) || !std::isfinite(speed))
            continue;
        const double length =
            shortest + (longest - shortest) * std::log1p(speed / typical) / logRange;
        const QPointF direction = step / speed;
        const QPointF centre = arrow.tail;
        arrow.tail = centre - direction * (length / 2);
        arrow.head = centre + direction * (length / 2);
        path.moveTo(arrow.tail);
        path.lineTo(arrow.head);
        const double barb = std::min(5.0, 0.4 * length);
        for (double side : {-kBarbAngle, kBarbAngle}) {
            const double c = std::cos(side), s = std::sin(side);
            const QPointF back(-(direction.x() * c - direction.y() * s),
                               -(direction.x() * s + direction.y() * c));
            path.moveTo(arrow.head);
            path.lineTo(arrow.head + back * barb);
        }
    }
    fieldItem_->setPath(path);
}

void PhasePlaneView::applyPalette(bool dark) {
    const QColor background = dark ? QColor(0x1e, 0x1f, 0x22) : Qt::white;
    const QColor foreground = dark ? QColor(0xdd, 0xdd, 0xdd) : QColor(0x20, 0x20, 0x20);
    chart()->setBackgroundBrush(background);
    chart()->setTitleBrush(foreground);
    chart()->legend()->setLabelColor(foreground);
    for (auto* axis : {vAxis_, uAxis_}) {
        axis->setLabelsColor(foreground);
        axis->setTitleBrush(foreground);
        axis->setGridLineColor(dark ? QColor(0x3a, 0x3b, 0x40) : QColor(0xe4, 0xe4, 0xe4));
    }
    trajectory_->setPen(QPen(dark ? QColor(0x6c, 0xb4, 0xff) : QColor(0x1f, 0x5f, 0xbf), 1.2));
    vNullcline_->setPen(QPen(dark ? QColor(0xff, 0xa0, 0x57) : QColor(0xc4, 0x5a, 0x00), 1.6));
    uNullcline_->setPen(QPen(dark ? QColor(0x7d, 0xd8, 0x8f) : QColor(0x2e, 0x7d, 0x32), 1.6));
    QPen dashed(foreground, 1, Qt::DashLine);
    peakLine_->setPen(dashed);
    QPen dotted(foreground, 1, Qt::DotLine);
    resetLine_->setPen(dotted);
    cursor_->setColor(dark ? Qt::white : Qt::black);
    QPen field(dark ? QColor(0x5c, 0x60, 0x68) : QColor(0xb0, 0xb8, 0xc4), 1);
    field.setCosmetic(true);
    fieldItem_->setPen(field);
    setBackgroundBrush(background);
}
