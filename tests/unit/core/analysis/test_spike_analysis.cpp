// SPDX-License-Identifier: GPL-3.0-or-later
// Spike-train analysis: statistics on hand-made trains, and the firing-pattern
// classes on the presets whose names say what they are.
#include "core/analysis/spike_analysis.h"
#include "core/integrate/simulator.h"
#include "core/presets/preset_library.h"

#include <QTest>
#include <cmath>

using namespace izh;

class TestSpikeAnalysis : public QObject {
    Q_OBJECT

private slots:
    void statisticsOfRegularTrain() {
        const auto a = analyseSpikeTrain({10, 30, 50, 70, 90}, 100, 5);
        QCOMPARE(a.spikeCount, std::size_t(5));
        QCOMPARE(a.meanRateHz, 50.0);
        QCOMPARE(a.isis, (std::vector<double>{20, 20, 20, 20}));
        QCOMPARE(*a.cvIsi, 0.0);
        QCOMPARE(*a.firstSpike, 10.0);
        QCOMPARE(*a.firstSpikeLatency, 5.0);
        QVERIFY(a.bursts.empty());
        QCOMPARE(a.pattern, FiringPattern::TonicSpiking);
    }

    void coefficientOfVariationIsSampleSdOverMean() {
        // ISIs 10, 20, 30: mean 20, sample SD 10.
        const auto a = analyseSpikeTrain({0, 10, 30, 60}, 70);
        QCOMPARE(*a.cvIsi, 0.5);
    }

    void undefinedStatisticsAreAbsent() {
        const auto none = analyseSpikeTrain(std::vector<double>{}, 100);
        QCOMPARE(none.pattern, FiringPattern::Quiescent);
        QVERIFY(!none.firstSpike && !none.cvIsi);
        const auto two = analyseSpikeTrain({10, 20}, 30);
        QVERIFY(!two.cvIsi); // one ISI has no spread
    }

    void burstsFollowTheDocumentedCriterion() {
        // Three bursts of 4 spikes 2 ms apart, every 50 ms: tonic bursting.
        std::vector<double> spikes;
        for (double start : {10.0, 60.0, 110.0})
            for (int k = 0; k < 4; ++k)
                spikes.push_back(start + 2 * k);
        const auto a = analyseSpikeTrain(spikes, 160);
        QCOMPARE(a.bursts.size(), std::size_t(3));
        QCOMPARE(a.bursts[1].spikeCount, std::size_t(4));
        QCOMPARE(a.bursts[1].start, 60.0);
        QCOMPARE(a.pattern, FiringPattern::TonicBursting);
        // Two close spikes are not a burst (kMinBurstSpikes = 3).
        QVERIFY(analyseSpikeTrain({10, 12, 60, 62}, 100).bursts.empty());
    }

    void namedPresetsAreClassifiedAsNamed_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("pattern");
        QTest::newRow("tonic-spiking") << "tonic-spiking" << int(FiringPattern::TonicSpiking);
        QTest::newRow("phasic-spiking") << "phasic-spiking" << int(FiringPattern::PhasicSpiking);
        QTest::newRow("tonic-bursting") << "tonic-bursting" << int(FiringPattern::TonicBursting);
        QTest::newRow("phasic-bursting")
            << "phasic-bursting" << int(FiringPattern::PhasicBursting);
        QTest::newRow("mixed-mode") << "mixed-mode" << int(FiringPattern::MixedMode);
        QTest::newRow("spike-frequency-adaptation")
            << "spike-frequency-adaptation" << int(FiringPattern::SpikeFrequencyAdaptation);
        // 2003 Fig. 2: the paper's descriptions of its cell classes.
        QTest::newRow("CH bursts") << "CH" << int(FiringPattern::TonicBursting);
        QTest::newRow("IB bursts, then spikes") << "IB" << int(FiringPattern::MixedMode);
        QTest::newRow("FS tonic") << "FS" << int(FiringPattern::TonicSpiking);
        QTest::newRow("LTS adapts") << "LTS" << int(FiringPattern::SpikeFrequencyAdaptation);
        QTest::newRow("rebound burst") << "rebound-burst" << int(FiringPattern::PhasicBursting);
    }
    void namedPresetsAreClassifiedAsNamed() {
        QFETCH(QString, id);
        QFETCH(int, pattern);
        const auto& request = findPreset(id.toStdString())->request;
        const auto spikes = simulateSpikes(request).spikeTimes;
        const auto a = analyseSpikeTrain(spikes, request.settings.duration,
                                         request.protocol.onsetTime());
        QCOMPARE(firingPatternId(a.pattern), firingPatternId(FiringPattern(pattern)));
    }

    void quiescentWithoutInput() {
        auto r = defaultRequest();
        r.protocol = StimulusProtocol::dc(0);
        r.model.u0.reset();
        const auto a = analyseSpikeTrain(simulateSpikes(r).spikeTimes, r.settings.duration);
        QCOMPARE(a.pattern, FiringPattern::Quiescent);
    }
};

QTEST_APPLESS_MAIN(TestSpikeAnalysis)
#include "test_spike_analysis.moc"
