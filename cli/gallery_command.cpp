// SPDX-License-Identifier: GPL-3.0-or-later
// --figure2 F, --features2004 F: the published figures' panels, each in one
// PNG image drawn by the gallery view; the two may be given together.
#include "cli/command_outputs.h"
#include "cli/command_table.h"
#include "cli/exit_status.h"
#include "ui/files/png_encoding.h"
#include "ui/gallery/gallery_view.h"

#include <QImage>

namespace {

struct Figure {
    const char* option;
    const char* description;
    QString Invocation::*path;
    izh::PresetGroup group;
};

const Figure kFigures[] = {
    {"figure2", "Draw the eight 2003 Fig. 2 panels into F.png.", &Invocation::figure2Path,
     izh::PresetGroup::Figure2003},
    {"features2004", "Draw the twenty 2004 features into F.png.", &Invocation::features2004Path,
     izh::PresetGroup::Features2004},
};

int runGallery(const Invocation& invocation, Console& console) {
    CommandOutputs outputs(console.err);
    for (const auto& figure : kFigures)
        if (!outputs.open(figure.option, invocation.*figure.path))
            return ExitOutputFailed;
    QStringList written;
    for (const auto& figure : kFigures) {
        if ((invocation.*figure.path).isEmpty())
            continue;
        GalleryView gallery(figure.group);
        // About 400×280 logical pixels a panel, 2× for print.
        const QByteArray png = encodePng(gallery.render(QSize(1600, 290 * gallery.rows()), 2.0));
        outputs.fill(figure.option, [&](const izh::ChunkWriter& write, QString& reason) {
            if (png.isEmpty())
                reason = "cannot encode the gallery as PNG";
            return !png.isEmpty() && write(std::string_view(png.constData(), std::size_t(png.size())));
        });
        written << QString("%1 panels written to %2")
                       .arg(gallery.presetIds().size())
                       .arg(invocation.*figure.path);
    }
    if (const int status = outputs.commit(); status != ExitDone)
        return status;
    QTextStream& summary = outputs.writesToStandardOutput() ? console.err : console.out;
    for (const QString& line : written)
        summary << line << '\n';
    return ExitDone;
}

} // namespace

Command galleryCommand() {
    Command command{Invocation::Mode::Gallery};
    for (const auto& figure : kFigures) {
        command.selectors << figure.option;
        command.outputs << figure.option;
        command.options << QCommandLineOption(figure.option, figure.description, "F");
    }
    command.draws = [](const Invocation&) { return true; };
    command.run = runGallery;
    return command;
}
