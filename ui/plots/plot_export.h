// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/controller/simulation_result.h"

#include <QSize>
#include <QString>
#include <memory>

class PlotPanel;

// Renders the plots of a result into files — the window's Export menu and the
// command line's --png/--svg share this. The plots are laid out afresh at the
// requested size (and re-reduced for its pixel columns) on an offscreen
// panel, then written atomically. On failure `error` names the problem.
struct PlotImageOptions {
    QSize size{1600, 1000}; // logical pixels
    qreal scale = 2.0;      // device pixels per logical pixel (HiDPI)
    bool dark = false;
    std::shared_ptr<const SimulationResult> pinned;
};

// The encoded image bytes (PNG or SVG), for callers that write several
// outputs together; empty with `error` set when there is nothing to draw.
QByteArray renderResultPng(const std::shared_ptr<const SimulationResult>& result,
                           const PlotImageOptions& options, QString* error);
QByteArray renderResultSvg(const std::shared_ptr<const SimulationResult>& result,
                           const PlotImageOptions& options, QString* error);

bool writeResultPng(const std::shared_ptr<const SimulationResult>& result, const QString& path,
                    const PlotImageOptions& options, QString* error);
bool writeResultSvg(const std::shared_ptr<const SimulationResult>& result, const QString& path,
                    const PlotImageOptions& options, QString* error);

// The same for what a panel shows now (its zoom, pin and palette), at `size`.
bool writePlotPng(const PlotPanel& panel, const QString& path, QSize size, qreal scale,
                  QString* error);
bool writePlotSvg(const PlotPanel& panel, const QString& path, QSize size, QString* error);
