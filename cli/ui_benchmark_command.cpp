// SPDX-License-Identifier: GPL-3.0-or-later
// --benchmark-ui: drives the real main window on the offscreen platform. It
// moves the a slider through 200 values for a 10⁴-step run (1 000 ms at
// dt 0.1, euler) and a 10⁶-step run (dt 0.001), timing each move from the
// slider's value change to the end of the repaint that shows its result, and
// prints  ui_latency steps=N p50_ms=X p95_ms=Y  for each. Then it floods the
// window with 1000 slider moves without waiting, and prints the longest time
// its event loop went without running (the GUI thread never waits for a
// simulation):  ui_responsiveness moves=1000 longest_gap_ms=X
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "core/presets/preset_library.h"
#include "ui/plots/plot_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTimer>
#include <algorithm>
#include <vector>

namespace {

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * double(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// Waits (running the event loop) until the plot has painted the result of the
// latest request, or gives up after `timeoutMs`. Returns the elapsed time.
bool waitForPaintOfLatest(MainWindow& window, int timeoutMs) {
    QEventLoop loop;
    bool painted = false;
    auto connection = QObject::connect(window.plotPanel(), &PlotPanel::repainted, &loop, [&] {
        const auto result = window.plotPanel()->result();
        if (result && result->generation == window.controller()->latestGeneration()) {
            painted = true;
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(connection);
    return painted;
}

std::vector<double> measure(MainWindow& window, double dt, int moves) {
    auto request = izh::defaultRequest();
    request.settings.integrator = izh::IntegratorKind::Euler;
    request.settings.duration = 1000;
    request.settings.dt = dt;
    window.loadRequest(request);
    waitForPaintOfLatest(window, 10000);
    QSlider* slider = window.parameterPanel()->slider("a");
    std::vector<double> latencies;
    for (int i = 0; i < moves; ++i) {
        // a from 0.01 up to 0.14 and back: ordinary regimes, every move a new value.
        const int k = i % 200;
        const int position = 85 + (k < 100 ? k : 200 - k);
        QElapsedTimer clock;
        clock.start();
        slider->setValue(position);
        if (!waitForPaintOfLatest(window, 5000))
            continue;
        latencies.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    return latencies;
}

// The longest the event loop went without running while the sliders move
// `moves` times, four per pass of the loop, until the plot shows the last.
double longestEventLoopGapMs(MainWindow& window, int moves) {
    auto request = izh::defaultRequest();
    request.settings.integrator = izh::IntegratorKind::Euler;
    window.loadRequest(request);
    waitForPaintOfLatest(window, 10000);
    int moved = 0;
    QTimer driver;
    driver.setInterval(0);
    QObject::connect(&driver, &QTimer::timeout, [&] {
        for (int k = 0; k < 4 && moved < moves; ++k, ++moved)
            window.parameterPanel()->slider(k % 2 ? "a" : "d")->setValue(300 + (moved * 7) % 400);
        if (moved == moves)
            driver.stop();
    });
    QElapsedTimer clock;
    qint64 last = 0, longest = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        longest = std::max(longest, clock.elapsed() - last);
        last = clock.elapsed();
    });
    clock.start();
    heartbeat.start();
    driver.start();
    while (moved < moves)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    waitForPaintOfLatest(window, 10000);
    return double(longest);
}

int runUiBenchmark(const Invocation&, Console& console) {
    QTextStream& out = console.out;
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    for (auto [steps, dt] : {std::pair{10000, 0.1}, {1000000, 0.001}}) {
        const auto latencies = measure(window, dt, 200);
        if (latencies.empty()) {
            out << "ui_latency steps=" << steps << " failed: no repaint observed\n";
            return ExitOutputFailed;
        }
        out << "ui_latency steps=" << steps << " p50_ms=" << QString::number(percentile(latencies, 0.5), 'f', 2)
            << " p95_ms=" << QString::number(percentile(latencies, 0.95), 'f', 2) << '\n';
        out.flush();
    }
    out << "ui_responsiveness moves=1000 longest_gap_ms="
        << QString::number(longestEventLoopGapMs(window, 1000), 'f', 1) << '\n';
    return ExitDone;
}

} // namespace

Command uiBenchmarkCommand() {
    Command command{Invocation::Mode::BenchmarkUi, {"benchmark-ui"}};
    command.options = {QCommandLineOption(
        "benchmark-ui", "Time slider-to-paint latency in the real window (offscreen).")};
    command.draws = [](const Invocation&) { return true; };
    command.run = runUiBenchmark;
    return command;
}
