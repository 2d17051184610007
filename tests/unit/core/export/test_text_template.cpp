// SPDX-License-Identifier: GPL-3.0-or-later
// The template language of the exported scripts, on the real templates:
// values, sections, standalone section lines, partials and every mistake.
#include "core/export/text_template.h"

#include <QTest>
#include <stdexcept>

using namespace izh;

namespace {

// A value for every placeholder of the real templates, each its own name:
// the engine fills templates by name, so its rules are checked on them.
TemplateValues allValues() {
    TemplateValues values;
    for (const char* name : {"model_name", "module_name", "protocol_comment", "protocol_comment_hash",
                             "scheme_note", "method", "n_steps", "steps", "pulse_trains", "ramps",
                             "input_spikes", "baseline", "py.baseline"})
        values.text[name] = std::string("<") + name + ">";
    for (const char* name : {"a", "b", "c", "d", "vpeak", "p2", "p1", "p0", "vb", "e", "v0", "u0",
                             "I", "duration", "dt", "rtol", "atol"}) {
        values.text[name] = std::string("<") + name + ">";
        values.text[std::string("py.") + name] = std::string("<py.") + name + ">";
    }
    return values;
}

} // namespace

class TestTextTemplate : public QObject {
    Q_OBJECT

private slots:
    void everyTemplateIsEmbedded() {
        for (const char* name : {"brian2.py", "pynest.py", "model.nestml", "python_constants.py",
                                 "python_protocol.py"})
            QVERIFY2(!exportTemplate(name).empty(), name);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, exportTemplate("none.py"));
    }

    // Values replace their placeholders; partials are filled in place.
    void valuesAndPartials() {
        const std::string text = fillTemplate("pynest.py", allValues());
        QVERIFY(text.find("{{") == std::string::npos);
        QVERIFY(text.find("MODEL_NAME = \"<model_name>\"") != std::string::npos);
        QVERIFY(text.find("A = <py.a>\n") != std::string::npos); // from python_constants.py
        QVERIFY(text.find("        a real = <a>    #") != std::string::npos); // from model.nestml
        QVERIFY(text.find("def current_on_grid():") != std::string::npos); // python_protocol.py
    }

    // A section tag alone on its line takes the line with it; flags choose
    // the sections.
    void sections() {
        TemplateValues values = allValues();
        const std::string plain = fillTemplate("brian2.py", values);
        QVERIFY(plain.find("HALF_STEP = b2.ExplicitStateUpdater") == std::string::npos);
        QVERIFY(plain.find("    du/dt = a*(b*(v - vb) - e_u*u)/ms : 1\n") != std::string::npos);
        QVERIFY(plain.find("u : 1  # advanced after v") == std::string::npos);
        QVERIFY(plain.find("{{") == std::string::npos && plain.find("}}") == std::string::npos);
        // No blank line where a section was left out.
        QVERIFY(plain.find("\"I_grid\": I_grid}\n    eqs = \"\"\"\n") != std::string::npos);

        values.flags = {"half_step", "split_u"};
        const std::string split = fillTemplate("brian2.py", values);
        QVERIFY(split.find("    HALF_STEP = b2.ExplicitStateUpdater(\n") != std::string::npos);
        QVERIFY(split.find("    u : 1  # advanced after v") != std::string::npos);
        QVERIFY(split.find("du/dt = a*(b*(v - vb) - e_u*u)/ms") == std::string::npos);
        QVERIFY(split.find("G.run_regularly(\"u = u + ") != std::string::npos);
    }

    void aMissingValueIsAMistake() {
        TemplateValues values = allValues();
        values.text.erase("model_name");
        try {
            fillTemplate("model.nestml", values);
            QFAIL("filled without a value");
        } catch (const std::logic_error& error) {
            QCOMPARE(QString(error.what()), QString("template model.nestml: no value for {{model_name}}"));
        }
    }
};

QTEST_APPLESS_MAIN(TestTextTemplate)
#include "test_text_template.moc"
