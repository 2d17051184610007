// Fixed points and their types against hand-derived cases.
#include "phase_plane.h"
#include "preset_library.h"

#include <QTest>
#include <cmath>

using namespace izh;

class TestPhasePlane : public QObject {
    Q_OBJECT

private slots:
    void regularSpikingAtRestHasStableNodeAndSaddle() {
        // RS (a .02, b .2) at I = 0: 0.04v² + 4.8v + 140 = 0 → v = −70 and −50.
        // At −70: J11 = −0.6, trace −0.62, det 0.016, trace² > 4·det → stable node.
        // At −50: J11 = 1, det = −0.016 < 0 → saddle.
        ModelParameters rs;
        const auto points = fixedPoints(rs, 0);
        QCOMPARE(points.size(), std::size_t(2));
        QVERIFY(std::abs(points[0].v + 70) < 1e-12);
        QVERIFY(std::abs(points[0].u + 14) < 1e-12); // u = b·v
        QCOMPARE(points[0].type, FixedPointType::StableNode);
        QVERIFY(std::abs(points[0].trace + 0.62) < 1e-12);
        QVERIFY(std::abs(points[0].determinant - 0.016) < 1e-12);
        QVERIFY(std::abs(points[1].v + 50) < 1e-12);
        QCOMPARE(points[1].type, FixedPointType::Saddle);
    }

    void beyondTheSaddleNodeThereIsNone() {
        // The discriminant 0.64 − 0.16·I vanishes at I = 4: one point, then none.
        ModelParameters rs;
        QCOMPARE(fixedPoints(rs, 4).size(), std::size_t(1));
        QVERIFY(std::abs(fixedPoints(rs, 4)[0].v + 60) < 1e-9);
        QVERIFY(fixedPoints(rs, 4.01).empty());
        QVERIFY(fixedPoints(rs, 10).empty());
    }

    void fixedPointsLieOnBothNullclines() {
        for (const auto& preset : presets()) {
            const auto& m = preset.request.model;
            for (double current : {-5.0, 0.0, 0.5, 3.0}) {
                for (const auto& p : fixedPoints(m, current)) {
                    QVERIFY(std::abs(vNullcline(m, current, p.v) - p.u) < 1e-9 * (1 + std::abs(p.u)));
                    if (!uNullclineIsVertical(m))
                        QVERIFY(std::abs(uNullcline(m, p.v) - p.u) < 1e-9 * (1 + std::abs(p.u)));
                    else
                        QCOMPARE(p.v, m.vb);
                }
            }
        }
    }

    void resonatorRestsOnAFocus() {
        // RZ (a .1, b .26) at I = −0.5: damped oscillations — a stable focus.
        const auto& m = findPreset("RZ")->request.model;
        const auto points = fixedPoints(m, -0.5);
        QVERIFY(!points.empty());
        QCOMPARE(points.front().type, FixedPointType::StableFocus);
    }

    void classificationFromTraceAndDeterminant() {
        QCOMPARE(classifyFixedPoint(-1, -1), FixedPointType::Saddle);
        QCOMPARE(classifyFixedPoint(-3, 2), FixedPointType::StableNode);   // λ = −1, −2
        QCOMPARE(classifyFixedPoint(3, 2), FixedPointType::UnstableNode);  // λ = 1, 2
        QCOMPARE(classifyFixedPoint(-1, 1), FixedPointType::StableFocus);  // complex, Re < 0
        QCOMPARE(classifyFixedPoint(1, 1), FixedPointType::UnstableFocus);
        QCOMPARE(classifyFixedPoint(0, 1), FixedPointType::Center);
    }

    void accommodationHasAVerticalUNullcline() {
        const auto& m = findPreset("accommodation")->request.model; // e = 0, vb = −65
        QVERIFY(uNullclineIsVertical(m));
        const auto points = fixedPoints(m, 0);
        QCOMPARE(points.size(), std::size_t(1));
        QCOMPARE(points[0].v, -65.0);
    }
};

QTEST_APPLESS_MAIN(TestPhasePlane)
#include "test_phase_plane.moc"
