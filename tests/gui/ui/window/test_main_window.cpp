// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer window, driven as a person would on the offscreen
// platform: sliders, presets, menu actions, files. What the plots show is
// compared with the core run directly and reduced by the same builder; what
// the exports write is compared with the core's own writers.
#include "core/integrate/simulator.h"
#include "core/io/csv_format.h"
#include "core/io/parameter_file.h"
#include "core/model/parameter_catalogue.h"
#include "core/presets/preset_library.h"
#include "ui/analysis/analysis_dock.h"
#include "ui/analysis/phase_plane_view.h"
#include "ui/controller/plot_series_builder.h"
#include "ui/plots/plot_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QXmlStreamReader>
#include <cmath>
#include <csignal>
#include <random>
#include <sys/resource.h>

using ResultPtr = std::shared_ptr<const SimulationResult>;

namespace {

const QStringList kSliderNames = {"a", "b", "c", "d", "I"};
const QStringList kSpinNames = {"a",  "b",  "c",  "d",  "I",        "vpeak", "v0",   "u0",  "p2",
                                "p1", "p0", "vb", "e",  "duration", "dt",    "rtol", "atol"};
constexpr int kTimeoutMs = 20000;

PlotView resolved(PlotView view, const izh::SimulationRequest& request) {
    if (!(view.t1 > view.t0)) {
        view.t0 = 0;
        view.t1 = request.settings.duration;
    }
    return view;
}

bool sameNumber(double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }

// Exact comparison (QPointF's operator== is fuzzy): empty when equal.
QString differenceBetween(const QString& what, const QList<QPointF>& actual,
                          const QList<QPointF>& expected) {
    if (actual.size() != expected.size())
        return QString("%1: %2 points, expected %3").arg(what).arg(actual.size()).arg(expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i)
        if (!sameNumber(actual[i].x(), expected[i].x()) || !sameNumber(actual[i].y(), expected[i].y()))
            return QString("%1: point %2 is (%3, %4), expected (%5, %6)")
                .arg(what).arg(i)
                .arg(actual[i].x(), 0, 'g', 17).arg(actual[i].y(), 0, 'g', 17)
                .arg(expected[i].x(), 0, 'g', 17).arg(expected[i].y(), 0, 'g', 17);
    return {};
}

// The window has settled: nothing in flight, and the plots show the latest
// request's result reduced for the plots' current window and width.
bool plotShowsLatest(MainWindow& window) {
    const auto* controller = window.controller();
    const ResultPtr shown = window.plotPanel()->result();
    return !controller->isBusy() && shown && shown->generation == controller->latestGeneration() &&
           shown->view == resolved(window.plotPanel()->currentView(), shown->request);
}

// What the plots show against a direct core run of `request`, reduced for
// the plots' current view by the same builder. Empty when they agree.
QString plotDifference(MainWindow& window, const izh::SimulationRequest& request) {
    PlotPanel* plots = window.plotPanel();
    if (!plots->result() || !(plots->result()->request == request))
        return "the plots show another request";
    const PlotView view = resolved(plots->currentView(), request);
    if (view.columns != plots->voltageView()->plotColumns())
        return "the plots were reduced for another width";
    const izh::Trajectory direct = izh::simulate(request);
    const PlotSeries expected = buildPlotSeries(direct, request.model.vpeak, view);
    const QList<QPointF> shownV = plots->voltageView()->trace()->points();
    QString difference = differenceBetween("v", shownV, expected.v);
    if (difference.isEmpty())
        difference = differenceBetween("spike markers", plots->voltageView()->markers()->points(),
                                       expected.spikes);
    if (difference.isEmpty())
        difference = differenceBetween("u", plots->recoveryView()->trace()->points(), expected.u);
    if (difference.isEmpty())
        difference = differenceBetween("I", plots->currentView_()->trace()->points(), expected.current);
    // docs/performance.md#budgets: about two points per pixel column, whatever the sample count,
    // and at most one spike marker per column, whatever the spike count.
    if (difference.isEmpty() && shownV.size() > 2 * view.columns + 2)
        difference = QString("%1 points for %2 columns").arg(shownV.size()).arg(view.columns);
    const auto markers = plots->voltageView()->markers()->points().size();
    if (difference.isEmpty() && markers > view.columns + 1)
        difference = QString("%1 spike markers for %2 columns").arg(markers).arg(view.columns);
    return difference;
}

QString plotDifference(MainWindow& window) {
    return plotDifference(window, window.parameterPanel()->request());
}

// The value a slider position stands for.
double sliderValue(const QString& name, int position) {
    const auto range = ParameterPanel::sliderRange(name);
    return range.lo + (range.hi - range.lo) * position / 1000.0;
}

// A QDoubleSpinBox keeps its value rounded to the decimals it shows.
double shownBySpin(const QDoubleSpinBox* spin, double value) {
    return QString::number(value, 'f', spin->decimals()).toDouble();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<unreadable>";
    return file.readAll();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray coreTrajectoryCsv(const izh::Trajectory& trajectory) {
    std::string text;
    izh::writeTrajectoryCsv(trajectory, [&](std::string_view chunk) {
        text.append(chunk);
        return true;
    });
    return QByteArray::fromStdString(text);
}

QByteArray coreSpikesCsv(const izh::Trajectory& trajectory) {
    std::string text;
    izh::writeSpikesCsv(trajectory.spikeTimes(), [&](std::string_view chunk) {
        text.append(chunk);
        return true;
    });
    return QByteArray::fromStdString(text);
}

QAction* actionWithShortcut(QWidget& window, const QKeySequence& shortcut) {
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcut() == shortcut)
            return action;
    return nullptr;
}

// The error dialogs the window shows (window-modal, not blocking the loop).
QList<QMessageBox*> visibleMessageBoxes(QWidget& window) {
    QList<QMessageBox*> boxes;
    for (QMessageBox* box : window.findChildren<QMessageBox*>())
        if (box->isVisible())
            boxes << box;
    return boxes;
}

void closeMessageBoxes(QWidget& window) {
    qDeleteAll(window.findChildren<QMessageBox*>());
}

// Lowers the file size limit for the lifetime of the object, so that the
// next write beyond a few bytes fails (EFBIG) as on a full disk — also for
// root, whom permissions would not stop.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &saved_);
        previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = saved_;
        limited.rlim_cur = bytes;
        ok_ = setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previousHandler_);
    }
    bool ok() const { return ok_; }

private:
    rlimit saved_{};
    void (*previousHandler_)(int) = nullptr;
    bool ok_ = false;
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void eachSliderRecomputesThePlot();
    void eachPresetSetsEveryWidgetAndThePlot();
    void rapidRandomSliderMovesEndOnTheFinalParameters();
    void exportsEqualTheCoreOutput();
    void failingWritesKeepOldFilesAndShowAnError();
    void undoRedoOfSliderEditsAndPresetLoads();
    void pinKeepsTheTraceUntilCleared();
    void settingsRestoreParametersAndPalette();
    void malformedFilesAreRefusedWithAClearMessage();
    void aDroppedFileIsOpenedOrNamedInTheError();
    void hoverReadOutShowsTheSampleUnderTheCursor();
    void escapeCancelsALongRun();

private:
    // A shown window with its first result painted (or a failed test).
    std::unique_ptr<MainWindow> openWindow();

    QTemporaryDir settingsDir_;
    std::unique_ptr<QTemporaryDir> files_; // per test: files written and read
};

void TestMainWindow::initTestCase() {
    // Settings and recent files go to a throw-away folder, never the user's.
    QVERIFY(settingsDir_.isValid());
    QCoreApplication::setOrganizationName("izhikevich-explorer-tests");
    QCoreApplication::setApplicationName("test_main_window");
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
}

void TestMainWindow::init() {
    QSettings().clear();
    files_ = std::make_unique<QTemporaryDir>();
    QVERIFY(files_->isValid());
}

void TestMainWindow::cleanup() {
    files_.reset();
    // The dark palette is application-wide: never leak it into the next test.
    QApplication::setPalette(QApplication::style()->standardPalette());
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow() {
    auto window = std::make_unique<MainWindow>();
    window->resize(1200, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("the window was not exposed");
    if (!QTest::qWaitFor([&] { return plotShowsLatest(*window); }, kTimeoutMs))
        qWarning("the first result was not shown");
    return window;
}

#define WAIT_FOR_PLOT(window) \
    QVERIFY2(QTest::qWaitFor([&] { return plotShowsLatest(window); }, kTimeoutMs), \
             "the plots never showed the latest request")

#define VERIFY_PLOT_MATCHES(...)                                        \
    do {                                                                \
        const QString difference_ = plotDifference(__VA_ARGS__);        \
        QVERIFY2(difference_.isEmpty(), qPrintable(difference_));       \
    } while (false)

// A slider move is a new request: the plots then show exactly what the core
// computes for the panel's parameters.
void TestMainWindow::eachSliderRecomputesThePlot() {
    auto window = openWindow();
    WAIT_FOR_PLOT(*window);
    ParameterPanel* panel = window->parameterPanel();
    const int offsets[] = {+40, +30, +40, -40, +25};
    for (int k = 0; k < kSliderNames.size(); ++k) {
        const QString& name = kSliderNames[k];
        QSlider* slider = panel->slider(name);
        QVERIFY2(slider, qPrintable(name));
        const auto before = panel->request();
        const auto plottedBefore = window->plotPanel()->voltageView()->trace()->points();
        const quint64 generation = window->controller()->latestGeneration();

        const int position = slider->value() + offsets[k];
        slider->setValue(position);

        // The parameter follows the slider (to the spin box's precision)...
        const double value = izh::getParameter(panel->request(), name.toStdString());
        QVERIFY2(std::abs(value - sliderValue(name, position)) <=
                     0.5 * std::pow(10.0, -panel->spinBox(name)->decimals()),
                 qPrintable(name));
        QCOMPARE(panel->spinBox(name)->value(), value);
        auto expected = before;
        izh::setParameter(expected, name.toStdString(), value);
        QVERIFY2(panel->request() == expected, "a slider changed more than its parameter");
        // ...a recompute starts at once, and the plot shows its result.
        QVERIFY(window->controller()->latestGeneration() > generation);
        WAIT_FOR_PLOT(*window);
        VERIFY_PLOT_MATCHES(*window);
        QVERIFY2(!differenceBetween(name, window->plotPanel()->voltageView()->trace()->points(),
                                    plottedBefore).isEmpty(),
                 qPrintable(name + ": the plotted v did not change"));
    }
}

// Every preset puts every control at its values and the plot at its run; the
// slider ranges cover every preset.
void TestMainWindow::eachPresetSetsEveryWidgetAndThePlot() {
    auto window = openWindow();
    ParameterPanel* panel = window->parameterPanel();
    QLabel* info = window->findChild<QLabel*>("presetInfo");
    QVERIFY(info);
    QCOMPARE(izh::presets().size(), std::size_t(29));
    for (const auto& preset : izh::presets()) {
        const QString id = QString::fromStdString(preset.id);
        QVERIFY2(window->loadPreset(id), qPrintable(id));
        const auto& request = preset.request;
        QVERIFY2(panel->request() == request, qPrintable(id));
        for (const QString& name : kSpinNames) {
            const double value = izh::getParameter(request, name.toStdString());
            const QDoubleSpinBox* spin = panel->spinBox(name);
            QVERIFY2(spin, qPrintable(name));
            QVERIFY2(spin->value() == shownBySpin(spin, value),
                     qPrintable(QString("%1: %2 shows %3, expected %4")
                                    .arg(id, name).arg(spin->value()).arg(value)));
        }
        for (const QString& name : kSliderNames) {
            const double value = izh::getParameter(request, name.toStdString());
            const auto range = ParameterPanel::sliderRange(name);
            QVERIFY2(value >= range.lo && value <= range.hi,
                     qPrintable(QString("%1: %2 = %3 is off the slider").arg(id, name).arg(value)));
            const double step = (range.hi - range.lo) / 1000;
            QVERIFY2(std::abs(sliderValue(name, panel->slider(name)->value()) - value) <= step / 2 + 1e-12,
                     qPrintable(QString("%1: the %2 slider is not at %3").arg(id, name).arg(value)));
        }
        QCOMPARE(panel->integratorBox()->currentData().toInt(), int(request.settings.integrator));
        QCOMPARE(panel->automaticU0Box()->isChecked(), !request.model.u0.has_value());
        QVERIFY(window->presetPicker()->currentItem());
        QCOMPARE(window->presetPicker()->currentItem()->data(0, Qt::UserRole).toString(), id);
        QVERIFY2(info->text().contains(QString::fromStdString(preset.title).toHtmlEscaped()),
                 qPrintable(id + ": the description shows " + info->text()));
        QVERIFY2(!info->text().contains("modified"), qPrintable(id + ": " + info->text()));
        WAIT_FOR_PLOT(*window);
        const QString difference = plotDifference(*window, request);
        QVERIFY2(difference.isEmpty(), qPrintable(id + ": " + difference));
    }

    // Moving a slider away from the preset marks the description as modified;
    // undo brings the preset back, unmarked.
    panel->slider("a")->setValue(panel->slider("a")->value() + 40);
    QVERIFY(info->text().contains("(modified)"));
    window->undoStack()->undo();
    QVERIFY2(!info->text().contains("modified"), qPrintable(info->text()));
}

// 1000 random slider moves, a few per event-loop pass: a heartbeat timer keeps
// firing (the GUI thread never waits for a simulation), no stale result is
// ever shown, and the final plot is a direct simulation of the final values.
void TestMainWindow::rapidRandomSliderMovesEndOnTheFinalParameters() {
    auto window = openWindow();
    ParameterPanel* panel = window->parameterPanel();
    // Euler through the real combo box: every random corner of the slider
    // ranges then costs the same 10^4 steps.
    QComboBox* integrators = panel->integratorBox();
    integrators->setCurrentIndex(integrators->findData(int(izh::IntegratorKind::Euler)));
    QCOMPARE(panel->request().settings.integrator, izh::IntegratorKind::Euler);
    WAIT_FOR_PLOT(*window);

    int staleShown = 0;
    // Showing a result may itself ask for a re-reduction (the axis labels
    // change the plot width), so "stale" means: for other parameters than the
    // latest request's, or older than a result already shown.
    quint64 lastShown = 0;
    connect(window->controller(), &SimulationController::resultReady, this, [&](const ResultPtr& r) {
        if (!(r->request == window->controller()->latestRequest()) || r->generation <= lastShown)
            ++staleShown;
        lastShown = r->generation;
    });

    std::mt19937 rng(1000);
    constexpr int kMoves = 1000;
    int moved = 0;
    QTimer driver;
    driver.setInterval(0);
    connect(&driver, &QTimer::timeout, this, [&] {
        for (int k = 0; k < 4 && moved < kMoves; ++k, ++moved)
            panel->slider(kSliderNames[int(rng() % 5)])->setValue(int(rng() % 1001));
        if (moved == kMoves)
            driver.stop();
    });
    int beats = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    connect(&heartbeat, &QTimer::timeout, this, [&] { ++beats; });
    heartbeat.start();
    driver.start();
    QVERIFY(QTest::qWaitFor([&] { return moved == kMoves && plotShowsLatest(*window); }, 60000));
    heartbeat.stop();
    QVERIFY(beats > 1); // the event loop ran throughout (how long it may pause: --benchmark-ui)
    QCOMPARE(staleShown, 0);
    // The final parameters are what the sliders say, and the plot is theirs.
    for (const QString& name : kSliderNames)
        QVERIFY(std::abs(izh::getParameter(panel->request(), name.toStdString()) -
                         sliderValue(name, panel->slider(name)->value())) < 1e-9 + 0.5e-2);
    VERIFY_PLOT_MATCHES(*window);
}

// Each export writes what the core writes (CSV byte for byte, the parameter
// file as formatted by the core) or a valid image of the requested size.
void TestMainWindow::exportsEqualTheCoreOutput() {
    auto window = openWindow();
    QVERIFY(window->loadPreset("tonic-bursting"));
    WAIT_FOR_PLOT(*window);
    const auto request = window->parameterPanel()->request();
    const izh::Trajectory direct = izh::simulate(request);
    QVERIFY(!direct.spikeTimes().empty());

    const QString csv = files_->filePath("trajectory.csv");
    QVERIFY(window->exportTrajectoryCsv(csv));
    QCOMPARE(readFile(csv), coreTrajectoryCsv(direct));

    const QString spikes = files_->filePath("spikes.csv");
    QVERIFY(window->exportSpikesCsv(spikes));
    QCOMPARE(readFile(spikes), coreSpikesCsv(direct));

    const QString params = files_->filePath("params.json");
    QVERIFY(window->saveParameterFile(params));
    const QByteArray saved = readFile(params);
    QCOMPARE(saved, QByteArray::fromStdString(izh::formatParameterFile(request)));
    QVERIFY(izh::parseParameterFile(saved.toStdString(), izh::defaultRequest()).request == request);

    // PNG at a chosen size and HiDPI scale, and at the plots' own size.
    const QString png = files_->filePath("plot.png");
    QVERIFY(window->exportPng(png, QSize(640, 400), 2.0));
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 800));
    // Something was drawn: the light palette's v trace colour is there.
    int traceColoured = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            traceColoured += image.pixelColor(x, y) == QColor(0x1f, 0x5f, 0xbf);
    QVERIFY2(traceColoured > 200, qPrintable(QString("%1 trace pixels").arg(traceColoured)));
    QVERIFY(window->exportPng(png));
    QCOMPARE(QImage(png).size(), window->plotPanel()->size() * 2);

    const QString svg = files_->filePath("plot.svg");
    QVERIFY(window->exportSvg(svg));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svgFile);
    QVERIFY(xml.readNextStartElement());
    QCOMPARE(xml.name().toString(), QString("svg"));
    const QSize size = window->plotPanel()->size();
    QCOMPARE(xml.attributes().value("viewBox").toString(),
             QString("0 0 %1 %2").arg(size.width()).arg(size.height()));
    int paths = 0;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && (xml.name() == QStringLiteral("path") ||
                                                                 xml.name() == QStringLiteral("polyline")))
            ++paths;
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(paths > 3, "the SVG holds no drawing");
    QVERIFY(visibleMessageBoxes(*window).isEmpty());
    QVERIFY(window->lastError().isEmpty());
}

// A write that cannot happen (no such folder, a file where a folder should
// be, the disk full halfway) leaves what was there, writes nothing else, and
// says why in a dialog.
void TestMainWindow::failingWritesKeepOldFilesAndShowAnError() {
    auto window = openWindow();
    MainWindow* w = window.get();
    const QString plain = files_->filePath("plain.txt");
    QVERIFY(writeFile(plain, "keep me\n"));
    const QString old = files_->filePath("old.csv");
    QVERIFY(writeFile(old, "old contents\n"));

    const std::pair<const char*, std::function<bool(const QString&)>> exports[] = {
        {"trajectory CSV", [w](const QString& p) { return w->exportTrajectoryCsv(p); }},
        {"spikes CSV", [w](const QString& p) { return w->exportSpikesCsv(p); }},
        {"PNG", [w](const QString& p) { return w->exportPng(p, QSize(320, 200), 1.0); }},
        {"SVG", [w](const QString& p) { return w->exportSvg(p); }},
        {"parameter file", [w](const QString& p) { return w->saveParameterFile(p); }},
    };
    for (const auto& [what, write] : exports) {
        const QStringList targets = {files_->filePath("missing/out.dat"), plain + "/out.dat"};
        for (const QString& target : targets) {
            closeMessageBoxes(*w);
            QVERIFY2(!write(target), what);
            QVERIFY2(w->lastError().contains(target), qPrintable(what + (": " + w->lastError())));
            const auto boxes = visibleMessageBoxes(*w);
            QVERIFY2(boxes.size() == 1, what);
            QVERIFY(boxes.front()->text().contains(w->lastError()));
        }
        // A write that fails halfway: the old file stays as it was.
        closeMessageBoxes(*w);
        bool written = true;
        {
            FileSizeLimit limit(4);
            QVERIFY(limit.ok());
            written = write(old);
        }
        QVERIFY2(!written, what);
        QVERIFY2(!w->lastError().isEmpty(), what);
        QCOMPARE(int(visibleMessageBoxes(*w).size()), 1);
        QCOMPARE(readFile(old), QByteArray("old contents\n"));
        QCOMPARE(readFile(plain), QByteArray("keep me\n"));
        // Nothing half-written beside it (no temporary files left behind).
        QCOMPARE(QDir(files_->path()).entryList(QDir::Files | QDir::NoDotAndDotDot),
                 QStringList({"old.csv", "plain.txt"}));
    }
    closeMessageBoxes(*w);
}

void TestMainWindow::undoRedoOfSliderEditsAndPresetLoads() {
    auto window = openWindow();
    ParameterPanel* panel = window->parameterPanel();
    QUndoStack* stack = window->undoStack();
    QCOMPARE(stack->count(), 0); // the start is not an edit
    // Through the Edit menu's actions, as Ctrl+Z / Ctrl+Shift+Z would.
    QAction* undo = actionWithShortcut(*window, QKeySequence::Undo);
    QAction* redo = actionWithShortcut(*window, QKeySequence::Redo);
    QVERIFY(undo && redo);

    // One slider click is one step.
    const auto original = panel->request();
    QSlider* a = panel->slider("a");
    const int originalPosition = a->value();
    a->setValue(originalPosition + 50);
    const auto edited = panel->request();
    QVERIFY(!(edited == original));
    QCOMPARE(stack->count(), 1);
    WAIT_FOR_PLOT(*window);

    undo->trigger();
    QVERIFY(panel->request() == original);
    QCOMPARE(a->value(), originalPosition);
    WAIT_FOR_PLOT(*window);
    VERIFY_PLOT_MATCHES(*window, original);
    redo->trigger();
    QVERIFY(panel->request() == edited);
    WAIT_FOR_PLOT(*window);
    VERIFY_PLOT_MATCHES(*window, edited);

    // One drag through many values is one step too.
    QSlider* d = panel->slider("d");
    d->setSliderDown(true);
    for (int step = 1; step <= 6; ++step)
        d->setValue(d->value() - 7);
    d->setSliderDown(false);
    const auto dragged = panel->request();
    QCOMPARE(stack->count(), 2);
    undo->trigger();
    QVERIFY(panel->request() == edited);
    WAIT_FOR_PLOT(*window);
    VERIFY_PLOT_MATCHES(*window, edited);
    redo->trigger();
    QVERIFY(panel->request() == dragged);

    // A preset load is one step that restores every parameter.
    const auto& chattering = izh::findPreset("CH")->request;
    QVERIFY(window->loadPreset("CH"));
    QCOMPARE(stack->count(), 3);
    QVERIFY(panel->request() == chattering);
    undo->trigger();
    QVERIFY(panel->request() == dragged);
    QCOMPARE(panel->integratorBox()->currentData().toInt(), int(dragged.settings.integrator));
    WAIT_FOR_PLOT(*window);
    VERIFY_PLOT_MATCHES(*window, dragged);
    redo->trigger();
    QVERIFY(panel->request() == chattering);
    WAIT_FOR_PLOT(*window);
    VERIFY_PLOT_MATCHES(*window, chattering);
}

// The pin keeps the trace of the moment as an overlay while the live trace
// moves on; clearing it empties the overlay.
void TestMainWindow::pinKeepsTheTraceUntilCleared() {
    auto window = openWindow();
    PlotPanel* plots = window->plotPanel();
    QVERIFY(plots->voltageView()->pinned()->points().isEmpty());
    QAction* pin = actionWithShortcut(*window, QKeySequence(Qt::CTRL | Qt::Key_P));
    QAction* clear = actionWithShortcut(*window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    QVERIFY(pin && clear);

    pin->trigger();
    const auto pinnedV = plots->voltageView()->pinned()->points();
    QVERIFY(!pinnedV.isEmpty());
    QCOMPARE(differenceBetween("pinned v", pinnedV, plots->voltageView()->trace()->points()), QString());
    QVERIFY(!plots->recoveryView()->pinned()->points().isEmpty());
    QVERIFY(!plots->currentView_()->pinned()->points().isEmpty());

    const auto pinnedRequest = window->parameterPanel()->request();
    window->parameterPanel()->slider("I")->setValue(window->parameterPanel()->slider("I")->value() + 60);
    WAIT_FOR_PLOT(*window);
    VERIFY_PLOT_MATCHES(*window);
    QVERIFY(!differenceBetween("v", plots->voltageView()->trace()->points(), pinnedV).isEmpty());
    // The overlay is still the pinned run, reduced for the plots' width now.
    QVERIFY(plots->pinnedResult() && plots->pinnedResult()->request == pinnedRequest);
    const auto expected = buildPlotSeries(izh::simulate(pinnedRequest), pinnedRequest.model.vpeak,
                                          resolved(plots->currentView(), pinnedRequest));
    QCOMPARE(differenceBetween("pinned v", plots->voltageView()->pinned()->points(), expected.v), QString());
    QCOMPARE(differenceBetween("pinned u", plots->recoveryView()->pinned()->points(), expected.u), QString());

    clear->trigger();
    for (TraceChartView* view : {plots->voltageView(), plots->recoveryView(), plots->currentView_()})
        QVERIFY(view->pinned()->points().isEmpty());
    QVERIFY(!plots->pinnedResult());
}

void TestMainWindow::settingsRestoreParametersAndPalette() {
    izh::SimulationRequest saved;
    QSize savedSize;
    {
        auto first = openWindow();
        QVERIFY(first->loadPreset("LTS"));
        first->parameterPanel()->slider("I")->setValue(first->parameterPanel()->slider("I")->value() + 5);
        first->setDarkPalette(true);
        QVERIFY(first->analysisDock()->phasePlane()->vectorFieldVisible()); // on by default
        first->analysisDock()->phasePlane()->setVectorFieldVisible(false);
        first->resize(1100, 720);
        WAIT_FOR_PLOT(*first);
        saved = first->parameterPanel()->request();
        savedSize = first->size();
        first->saveSettings();
    }
    QApplication::setPalette(QApplication::style()->standardPalette());

    auto second = std::make_unique<MainWindow>();
    QVERIFY(!second->plotPanel()->isDark());
    second->restoreSettings();
    second->show();
    QVERIFY(QTest::qWaitForWindowExposed(second.get()));
    QVERIFY(second->parameterPanel()->request() == saved);
    QCOMPARE(second->undoStack()->count(), 0); // restoring is not an edit
    QCOMPARE(second->size(), savedSize);
    QVERIFY(second->plotPanel()->isDark());
    QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(0x2b, 0x2d, 0x31));
    QAction* dark = actionWithShortcut(*second, QKeySequence(Qt::CTRL | Qt::Key_D));
    QVERIFY(dark && dark->isChecked());
    QVERIFY(!second->analysisDock()->phasePlane()->vectorFieldVisible());
    WAIT_FOR_PLOT(*second);
    VERIFY_PLOT_MATCHES(*second, saved);
    second->setDarkPalette(false);
}

// Malformed parameter files: a dialog naming the problem, no crash, and the
// parameters on screen stay as they were.
void TestMainWindow::malformedFilesAreRefusedWithAClearMessage() {
    auto window = openWindow();
    QVERIFY(window->loadPreset("FS"));
    WAIT_FOR_PLOT(*window);
    const auto before = window->parameterPanel()->request();
    const int undoSteps = window->undoStack()->count();
    const QString title = window->windowTitle();

    const std::string valid = izh::formatParameterFile(izh::findPreset("IB")->request);
    const QByteArray header = R"({"format": "izhikevich-explorer-parameters", "version": 1, )";
    QByteArray binary;
    std::mt19937 rng(99);
    for (int i = 0; i < 4096; ++i)
        binary.append(char(rng() % 256));
    struct Case {
        const char* name;
        QByteArray contents; // empty name below: no file at all
        QString expected;    // in the message
    };
    const Case cases[] = {
        {"garbage.json", "this is not a parameter file", "garbage.json:1:2: not valid JSON"},
        {"lines.json", "{\n  \"model\": {\n    \"a\": 0.1,\n  }\n}\n",
         "lines.json:4:3: not valid JSON"},
        {"truncated.json", QByteArray::fromStdString(valid.substr(0, valid.size() / 2)), "not valid JSON"},
        {"empty.json", "", "not valid JSON"},
        {"string-number.json", header + R"("model": {"a": "fast"}})",
         QString("string-number.json:1:%1: model.a: must be a number")
             .arg(header.size() + QByteArray(R"("model": {"a": )").size() + 1)},
        {"list-model.json", header + R"("model": [1, 2]})", "model"},
        {"overflow.json", header + R"("model": {"d": 1e999}})", "model.d"},
        {"integrator.json", header + R"("simulation": {"integrator": 4}})", "simulation.integrator"},
        {"wrong-format.json", R"({"format": "something else", "version": 1})", "format"},
        {"future.json", R"({"format": "izhikevich-explorer-parameters", "version": 99})", "version"},
        {"array.json", "[1, 2, 3]", "JSON object"},
        {"invalid-values.json", header + R"("simulation": {"dt": -1}})", "dt"},
        {"binary.json", binary, "binary data"},
        {"huge.json", QByteArray(5 << 20, ' '), "larger than"},
    };
    auto refuses = [&](const QString& path, const QString& expected) {
        closeMessageBoxes(*window);
        if (window->openParameterFile(path))
            return QString("accepted");
        const QString error = window->lastError();
        if (!error.contains(expected))
            return "the message does not say \"" + expected + "\": " + error;
        if (!error.contains(QFileInfo(path).fileName()))
            return "the message does not name the file: " + error;
        const auto boxes = visibleMessageBoxes(*window);
        if (boxes.size() != 1 || !boxes.front()->text().contains(error))
            return QString("no dialog shows the message");
        if (!(window->parameterPanel()->request() == before))
            return QString("the parameters changed");
        if (window->undoStack()->count() != undoSteps || window->windowTitle() != title)
            return QString("the window changed");
        return QString();
    };
    for (const auto& c : cases) {
        const QString path = files_->filePath(c.name);
        QVERIFY(writeFile(path, c.contents));
        const QString problem = refuses(path, c.expected);
        QVERIFY2(problem.isEmpty(), qPrintable(QString(c.name) + ": " + problem));
    }
    const QString missing = refuses(files_->filePath("no-such-file.json"), "no such file");
    QVERIFY2(missing.isEmpty(), qPrintable(missing));
    const QString folder = refuses(files_->path(), "is a folder");
    QVERIFY2(folder.isEmpty(), qPrintable(folder));
    closeMessageBoxes(*window);

    // The window is still fine: a good file opens.
    const QString good = files_->filePath("good.json");
    QVERIFY(writeFile(good, QByteArray::fromStdString(valid)));
    QVERIFY(window->openParameterFile(good));
    QVERIFY(window->parameterPanel()->request() == izh::findPreset("IB")->request);
    WAIT_FOR_PLOT(*window);
    VERIFY_PLOT_MATCHES(*window);
}

// A file dropped on the window is opened like File ▸ Open: a bad one is
// refused with a dialog naming the file, the line and the column.
void TestMainWindow::aDroppedFileIsOpenedOrNamedInTheError() {
    auto window = openWindow();
    QVERIFY(window->loadPreset("FS"));
    WAIT_FOR_PLOT(*window);
    const auto before = window->parameterPanel()->request();
    auto drop = [&](const QString& path) {
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(path)});
        const QPoint centre = window->rect().center();
        QDragEnterEvent enter(centre, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropped(QPointF(centre), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.get(), &dropped);
    };

    const QString bad = files_->filePath("dropped.json");
    QVERIFY(writeFile(bad, "{\n  \"model\": {\"b\": 0.2,\n            \"d\": true}\n}\n"));
    closeMessageBoxes(*window);
    drop(bad);
    QCOMPARE(visibleMessageBoxes(*window).size(), 1);
    QVERIFY2(window->lastError().contains(bad + ":3:18: model.d: must be a number, not boolean"),
             qPrintable(window->lastError()));
    QVERIFY(window->parameterPanel()->request() == before);
    closeMessageBoxes(*window);

    const QString good = files_->filePath("good.json");
    QVERIFY(writeFile(good, QByteArray::fromStdString(
                                izh::formatParameterFile(izh::findPreset("CH")->request))));
    drop(good);
    QVERIFY(window->parameterPanel()->request() == izh::findPreset("CH")->request);
    QVERIFY(visibleMessageBoxes(*window).isEmpty());
}

// Moving the mouse over the v plot shows t, v, u and I of the sample under
// the cursor; leaving the plot clears the read-out.
void TestMainWindow::hoverReadOutShowsTheSampleUnderTheCursor() {
    auto window = openWindow();
    QVERIFY(window->loadPreset("RS"));
    WAIT_FOR_PLOT(*window);
    const auto request = window->parameterPanel()->request();
    const izh::Trajectory direct = izh::simulate(request);
    QLabel* readout = window->findChild<QLabel*>("hoverReadout");
    QVERIFY(readout);
    const QRegularExpression pattern(R"(^t (\S+) ms\s+v (\S+) mV\s+u (\S+)\s+I (\S+)$)");

    for (TraceChartView* view : {window->plotPanel()->voltageView(), window->plotPanel()->recoveryView()}) {
        QChart* chart = view->chart();
        const QRectF area = chart->plotArea();
        for (double fraction : {0.1, 0.37, 0.8}) {
            const QPoint at = view->mapFromScene(chart->mapToScene(
                QPointF(area.left() + fraction * area.width(), area.center().y())));
            QTest::mouseMove(view->viewport(), at);
            QTRY_VERIFY(!readout->text().isEmpty());
            const auto match = pattern.match(readout->text());
            QVERIFY2(match.hasMatch(), qPrintable(readout->text()));
            // The time under the cursor, and the sample nearest to it.
            const double t = chart->mapToValue(chart->mapFromScene(view->mapToScene(at)), view->trace()).x();
            const auto j = std::size_t(std::lround(t / direct.dt));
            QVERIFY(j < direct.sampleCount());
            auto near = [](double shown, double value) {
                return std::abs(shown - value) <= 1e-4 * std::max(1.0, std::abs(value));
            };
            QVERIFY2(near(match.captured(1).toDouble(), direct.timeAt(j)), qPrintable(readout->text()));
            QVERIFY2(near(match.captured(2).toDouble(), direct.v[j]), qPrintable(readout->text()));
            QVERIFY2(near(match.captured(3).toDouble(), direct.u[j]), qPrintable(readout->text()));
            QVERIFY2(near(match.captured(4).toDouble(), direct.current[j]), qPrintable(readout->text()));
        }
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(view, &leave);
        QVERIFY(readout->text().isEmpty());
    }
}

// Esc (the Simulation menu's Cancel) stops a long run: progress was shown,
// the plot keeps the last complete result, and a zoom then re-reduces that
// result instead of starting the cancelled run again.
void TestMainWindow::escapeCancelsALongRun() {
    auto window = openWindow();
    const auto shown = window->parameterPanel()->request();
    QAction* cancel = actionWithShortcut(*window, QKeySequence(Qt::Key_Escape));
    QVERIFY(cancel);
    QProgressBar* progress = window->findChild<QProgressBar*>();
    QVERIFY(progress);

    auto slow = shown;
    slow.settings.integrator = izh::IntegratorKind::RK4;
    slow.settings.duration = 2000;
    slow.settings.dt = 1e-4; // 2·10^7 steps: a second or more
    window->loadRequest(slow);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible(), kTimeoutMs);
    QVERIFY(window->controller()->isBusy());

    cancel->trigger();
    QVERIFY(!window->controller()->isBusy());
    QVERIFY(!progress->isVisible());
    QCOMPARE(window->statusBar()->currentMessage(), QString("Run cancelled"));
    QVERIFY(window->parameterPanel()->request() == slow); // the controls keep the edit
    QVERIFY(window->plotPanel()->result()->request == shown); // the plot keeps the last result

    window->plotPanel()->setTimeRange(200, 400);
    QVERIFY(QTest::qWaitFor([&] { return !window->controller()->isBusy(); }, kTimeoutMs));
    QTRY_COMPARE(window->plotPanel()->result()->view.t0, 200.0);
    QVERIFY(!progress->isVisible());
    VERIFY_PLOT_MATCHES(*window, shown);
}

int main(int argc, char** argv) {
    // Runnable by hand too, without a display.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_main_window.moc"
