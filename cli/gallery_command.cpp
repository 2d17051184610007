// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/gallery_command.h"

#include "cli/exit_status.h"
#include "ui/files/atomic_outputs.h"
#include "ui/files/png_encoding.h"
#include "ui/gallery/gallery_view.h"

#include <QImage>

int runGalleryCommand(const Invocation& invocation, QTextStream& out, QTextStream& err) {
    AtomicOutputs outputs;
    const QString label = invocation.galleryIs2004 ? "features2004" : "figure2";
    if (!outputs.add(label, invocation.galleryPath)) {
        err << "error: " << outputs.error() << '\n';
        return ExitOutputFailed;
    }
    GalleryView gallery(invocation.galleryIs2004 ? izh::PresetGroup::Features2004
                                                 : izh::PresetGroup::Figure2003);
    // About 400×280 logical pixels a panel, 2× for print.
    const QImage image = gallery.render(QSize(1600, 290 * gallery.rows()), 2.0);
    const QByteArray bytes = encodePng(image);
    if (bytes.isEmpty()) {
        err << "error: " << label << ": cannot encode the gallery as PNG\n";
        outputs.discard();
        return ExitOutputFailed;
    }
    const bool ok = outputs.write(label,
                                  [&](const AtomicOutputs::Writer& write) {
                                      return write(bytes.constData(), bytes.size());
                                  }) &&
                    outputs.commit();
    if (!ok) {
        err << "error: " << outputs.error() << '\n';
        outputs.discard();
        return ExitOutputFailed;
    }
    out << gallery.presetIds().size() << " panels written to " << invocation.galleryPath << '\n';
    return ExitDone;
}
