// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <span>

// What a sweep's heat map shows: one column of the sweep CSV. Qt Core only,
// so that the command line can name and check them without the widgets.
enum class SweepMetric { SpikeCount, Rate, FirstSpike, CvIsi, Pattern };

std::span<const SweepMetric> sweepMetrics(); // all, in the order menus list them
QString sweepMetricTitle(SweepMetric metric); // e.g. "rate (Hz)"
// The metric's sweep CSV column (e.g. "rate_hz"), the CLI's --metric value.
QString sweepMetricId(SweepMetric metric);
std::optional<SweepMetric> sweepMetricFromId(const QString& id);
QStringList sweepMetricIds();
