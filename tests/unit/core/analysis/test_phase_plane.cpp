// SPDX-License-Identifier: GPL-3.0-or-later
// Fixed points and their types, and the vector field, against hand-derived cases.
#include "core/analysis/phase_plane.h"
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"

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

    void velocityIsTheModelByHand() {
        // RS at (v, u) = (−60, −10), I = 5:
        //   dv/dt = 0.04·3600 + 5·(−60) + 140 − (−10) + 5 = −1
        //   du/dt = 0.02·(0.2·(−60 − 0) − 1·(−10)) = −0.04
        ModelParameters rs;
        const auto f = phaseVelocity(rs, 5, -60, -10);
        QVERIFY(std::abs(f.dv + 1) < 1e-12);
        QVERIFY(std::abs(f.du + 0.04) < 1e-15);
        // Every coefficient away from its default: a .1, b .26, p2 .05, p1 4.1,
        // p0 108, vb −60, e .5 at (−50, 3), I = 2:
        //   dv/dt = 0.05·2500 + 4.1·(−50) + 108 − 3 + 2 = 125 − 205 + 107 = 27
        //   du/dt = 0.1·(0.26·(−50 + 60) − 0.5·3) = 0.1·(2.6 − 1.5) = 0.11
        ModelParameters m;
        m.a = 0.1;
        m.b = 0.26;
        m.p2 = 0.05;
        m.p1 = 4.1;
        m.p0 = 108;
        m.vb = -60;
        m.e = 0.5;
        const auto g = phaseVelocity(m, 2, -50, 3);
        QVERIFY(std::abs(g.dv - 27) < 1e-12);
        QVERIFY(std::abs(g.du - 0.11) < 1e-15);
    }

    void velocityVanishesOnTheNullclines() {
        for (const auto& preset : presets()) {
            const auto& m = preset.request.model;
            for (double v : {-80.0, -62.5, -40.0, 0.0, 25.0}) {
                QCOMPARE(phaseVelocity(m, 3, v, vNullcline(m, 3, v)).dv, 0.0);
                if (!uNullclineIsVertical(m))
                    QVERIFY(std::abs(phaseVelocity(m, 3, v, uNullcline(m, v)).du) <
                            1e-12 * (1 + std::abs(m.a * m.b * v)));
            }
        }
    }

    void velocityIsWhatForwardEulerSteps() {
        // One euler step from (v0, u0) under dc I moves by dt times the field.
        SimulationRequest r = defaultRequest();
        r.model.v0 = -60;
        r.model.u0 = -10;
        r.protocol = StimulusProtocol::dc(5);
        r.settings.integrator = IntegratorKind::Euler;
        r.settings.dt = 0.1;
        r.settings.duration = 0.1;
        const Trajectory t = simulate(r);
        QCOMPARE(t.sampleCount(), std::size_t(2));
        const auto f = phaseVelocity(r.model, 5, -60, -10);
        QVERIFY(std::abs(t.v[1] - (-60 + 0.1 * f.dv)) < 1e-12);
        QVERIFY(std::abs(t.u[1] - (-10 + 0.1 * f.du)) < 1e-12);
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
