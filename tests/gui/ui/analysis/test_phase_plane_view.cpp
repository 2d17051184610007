// SPDX-License-Identifier: GPL-3.0-or-later
// The phase plane's vector field: toggling it on draws one arrow per cell of a
// regular grid over the visible (v, u) range, each along core's
// (dv/dt, du/dt) as it appears on screen, inside the plot area; the time
// cursor redraws it for the input at that time; toggling it off removes it.
#include "core/analysis/phase_plane.h"
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"
#include "ui/analysis/phase_plane_view.h"
#include "ui/controller/simulation_result.h"

#include <QChart>
#include <QTest>
#include <QValueAxis>
#include <cmath>

namespace {

std::shared_ptr<const SimulationResult> resultOf(const izh::SimulationRequest& request) {
    auto trajectory = std::make_shared<izh::Trajectory>(izh::simulate(request));
    return assembleResult(0, request, trajectory, 0, {});
}

int sign(double x) { return (x > 0) - (x < 0); }

} // namespace

class TestPhasePlaneView : public QObject {
    Q_OBJECT

    // Every arrow at the grid point core says, along core's field at `current`
    // in screen terms (x with v, y against u), and inside the plot area.
    static void verifyArrows(const PhasePlaneView& view, const izh::ModelParameters& m,
                             double current) {
        const QRectF area = view.chart()->plotArea();
        const auto* vAxis = qobject_cast<QValueAxis*>(view.chart()->axes(Qt::Horizontal).front());
        const auto* uAxis = qobject_cast<QValueAxis*>(view.chart()->axes(Qt::Vertical).front());
        QVERIFY(vAxis && uAxis);
        const double xPerV = area.width() / (vAxis->max() - vAxis->min());
        const double yPerU = area.height() / (uAxis->max() - uAxis->min());
        const QSize grid = view.vectorFieldGrid();
        QVERIFY(grid.width() >= 3 && grid.height() >= 3);
        QCOMPARE(view.vectorFieldArrows().size(), qsizetype(grid.width()) * grid.height());
        for (const auto& arrow : view.vectorFieldArrows()) {
            QVERIFY(arrow.v > vAxis->min() && arrow.v < vAxis->max());
            QVERIFY(arrow.u > uAxis->min() && arrow.u < uAxis->max());
            const auto f = izh::phaseVelocity(m, current, arrow.v, arrow.u);
            QCOMPARE(arrow.dv, f.dv);
            QCOMPARE(arrow.du, f.du);
            QVERIFY(area.contains(arrow.tail) && area.contains(arrow.head));
            const QPointF shaft = arrow.head - arrow.tail;
            QCOMPARE(sign(shaft.x()), sign(f.dv));
            QCOMPARE(sign(shaft.y()), -sign(f.du));
            // Parallel to the field on screen: the cross product vanishes.
            const double sx = f.dv * xPerV, sy = -f.du * yPerU;
            const double cross = shaft.x() * sy - shaft.y() * sx;
            const double scale = std::hypot(shaft.x(), shaft.y()) * std::hypot(sx, sy);
            QVERIFY2(std::abs(cross) <= 1e-9 * scale,
                     qPrintable(QString("arrow at (%1, %2) is not along the field")
                                    .arg(arrow.v)
                                    .arg(arrow.u)));
        }
    }

private slots:
    void togglingDrawsOneArrowPerCellAlongTheField() {
        PhasePlaneView view;
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setVectorFieldVisible(false);
        const auto request = izh::findPreset("RS")->request;
        const auto result = resultOf(request);
        view.showResult(result);
        QVERIFY(view.vectorFieldArrows().isEmpty());
        QVERIFY(view.vectorFieldItem()->path().isEmpty());

        view.vectorFieldAction()->trigger(); // as the context or View menu does
        QVERIFY(view.vectorFieldVisible());
        QVERIFY(!view.vectorFieldItem()->path().isEmpty());
        const auto& m = request.model;
        const double current = result->trajectory->current.back();
        verifyArrows(view, m, current);

        // Right of the v-nullcline's upper (right) branch, i.e. below the
        // parabola on the right of its vertex, v grows: the arrows point right;
        // above it (inside the parabola) they point left.
        const double vertex = -m.p1 / (2 * m.p2);
        int right = 0, left = 0;
        for (const auto& arrow : view.vectorFieldArrows()) {
            if (arrow.v <= vertex)
                continue;
            const double nullcline = izh::vNullcline(m, current, arrow.v);
            if (arrow.u < nullcline) {
                QVERIFY(arrow.head.x() > arrow.tail.x());
                ++right;
            } else if (arrow.u > nullcline) {
                QVERIFY(arrow.head.x() < arrow.tail.x());
                ++left;
            }
        }
        QVERIFY(right > 0 && left > 0);
        if (qEnvironmentVariableIsSet("IZH_SAVE_PHASE_PLANE_PNG"))
            view.grab().save(qEnvironmentVariable("IZH_SAVE_PHASE_PLANE_PNG"));

        // A larger plot: more arrows, still along the field.
        const QSize before = view.vectorFieldGrid();
        view.resize(1000, 760);
        QVERIFY(QTest::qWaitFor([&] { return view.vectorFieldGrid().width() > before.width(); }));
        verifyArrows(view, m, current);

        view.vectorFieldAction()->trigger();
        QVERIFY(!view.vectorFieldVisible());
        QVERIFY(view.vectorFieldArrows().isEmpty());
        QVERIFY(view.vectorFieldItem()->path().isEmpty());
    }

    void theCursorRedrawsTheFieldForTheInputThen() {
        // Tonic spiking: no input for 10 ms, then a step to 14.
        const auto request = izh::findPreset("tonic-spiking")->request;
        const auto result = resultOf(request);
        PhasePlaneView view;
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setVectorFieldVisible(true);
        view.showResult(result);
        const auto& t = *result->trajectory;
        for (double time : {5.0, 50.0}) {
            const auto j = std::size_t(std::lround(time / t.dt));
            view.setCursorTime(time);
            verifyArrows(view, request.model, t.current[j]);
        }
        QVERIFY(t.current[std::size_t(std::lround(5.0 / t.dt))] !=
                t.current[std::size_t(std::lround(50.0 / t.dt))]);
    }
};

QTEST_MAIN(TestPhasePlaneView)
#include "test_phase_plane_view.moc"
