// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sweep/sweep_metric.h"

namespace {

constexpr SweepMetric kMetrics[] = {SweepMetric::SpikeCount, SweepMetric::Rate,
                                    SweepMetric::FirstSpike, SweepMetric::CvIsi,
                                    SweepMetric::Pattern};

} // namespace

std::span<const SweepMetric> sweepMetrics() { return kMetrics; }

QString sweepMetricTitle(SweepMetric metric) {
    switch (metric) {
    case SweepMetric::SpikeCount: return "spike count";
    case SweepMetric::Rate: return "rate (Hz)";
    case SweepMetric::FirstSpike: return "first spike (ms)";
    case SweepMetric::CvIsi: return "ISI CV";
    case SweepMetric::Pattern: return "firing pattern";
    }
    return {};
}

QString sweepMetricId(SweepMetric metric) {
    switch (metric) {
    case SweepMetric::SpikeCount: return "spike_count";
    case SweepMetric::Rate: return "rate_hz";
    case SweepMetric::FirstSpike: return "first_spike_ms";
    case SweepMetric::CvIsi: return "cv_isi";
    case SweepMetric::Pattern: return "pattern";
    }
    return {};
}

std::optional<SweepMetric> sweepMetricFromId(const QString& id) {
    for (SweepMetric metric : kMetrics)
        if (sweepMetricId(metric) == id)
            return metric;
    return std::nullopt;
}

QStringList sweepMetricIds() {
    QStringList ids;
    for (SweepMetric metric : kMetrics)
        ids << sweepMetricId(metric);
    return ids;
}
