// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/presets/preset_library.h"

#include <initializer_list>

namespace izh {

namespace {

constexpr const char* kSource2003 =
    "Izhikevich (2003) Simple model of spiking neurons, IEEE TNN 14(6), Fig. 2";
constexpr const char* kSource2004 = "Izhikevich (2004) Which model to use for cortical spiking "
                                    "neurons?, IEEE TNN 15(5), Fig. 1";

struct Abcd {
    double a, b, c, d;
};

// Pulses of one amplitude over (on, off) windows, all moved by the I slider.
std::vector<CurrentStep> pulses(double amplitude,
                                std::initializer_list<std::pair<double, double>> windows,
                                bool primary = true) {
    std::vector<CurrentStep> out;
    for (auto [on, off] : windows)
        out.push_back({amplitude, on, off, false, false, primary});
    return out;
}

StimulusProtocol stepFrom(double amplitude, double tOn) {
    StimulusProtocol p;
    p.steps = {{amplitude, tOn, kForever, false, false, true}};
    return p;
}

Preset make(std::string id, std::string title, std::string description, std::string panel,
            PresetGroup group, Abcd abcd, double v0, double dt, double duration,
            StimulusProtocol protocol) {
    Preset preset;
    preset.id = std::move(id);
    preset.title = std::move(title);
    preset.description = std::move(description);
    preset.source = std::string(group == PresetGroup::Figure2003 ? kSource2003 : kSource2004) +
                    ", panel " + panel + "; MATLAB script of ModelDB 39948";
    preset.group = group;
    auto& m = preset.request.model;
    m.a = abcd.a;
    m.b = abcd.b;
    m.c = abcd.c;
    m.d = abcd.d;
    m.v0 = v0;
    preset.request.protocol = std::move(protocol);
    preset.request.settings.dt = dt;
    preset.request.settings.duration = duration;
    preset.request.settings.integrator = IntegratorKind::SemiImplicit;
    return preset;
}

std::vector<Preset> buildFigure2003() {
    const auto G = PresetGroup::Figure2003;
    std::vector<Preset> all;
    // In the script T1 = tspan(end)/10 = 15 for the 150 ms panels.
    all.push_back(make("RS", "Regular spiking (RS)",
                       "Excitatory cortical cell: adapting tonic spiking to a step of 14",
                       "RS", G, {0.02, 0.2, -65, 8}, -63, 0.25, 150, stepFrom(14, 15)));
    all.push_back(make("IB", "Intrinsically bursting (IB)",
                       "A burst at onset, then tonic spikes (reset c = -55, d = 4)", "IB", G,
                       {0.02, 0.2, -55, 4}, -70, 0.25, 150, stepFrom(11, 15)));
    all.push_back(make("CH", "Chattering (CH)",
                       "Fast rhythmic bursting: high reset c = -50, small d = 2", "CH", G,
                       {0.02, 0.2, -50, 2}, -70, 0.25, 150, stepFrom(10, 15)));
    all.push_back(make("FS", "Fast spiking (FS)",
                       "Inhibitory interneuron: fast recovery a = 0.1, little adaptation", "FS",
                       G, {0.1, 0.2, -65, 2}, -70, 0.25, 150, stepFrom(10, 15)));
    all.push_back(make("TC", "Thalamo-cortical (TC)",
                       "Tonic firing from rest at a depolarising step of 1.5", "TC", G,
                       {0.02, 0.25, -65, 0.05}, -63, 0.25, 150, stepFrom(1.5, 30)));
    {
        // I = -25 while t <= 45 (the script's else-branch of t > T1), then 0.
        StimulusProtocol p;
        p.steps = {{-25, 0, 45, true, true, true}};
        all.push_back(make("TC-rebound", "Thalamo-cortical, rebound burst (TC)",
                           "Released from hyperpolarisation at -87 mV, fires a rebound burst",
                           "TC (burst)", G, {0.02, 0.25, -65, 0.05}, -87, 0.25, 150, p));
    }
    {
        // -2; -0.5 for t > 10; 10 for 60 < t < 65 — as a sum of -2, +1.5 and +10.5.
        StimulusProtocol p;
        p.baseline = -2;
        p.steps = {{1.5, 10, kForever, false, false, false}, {10.5, 60, 65, false, false, true}};
        all.push_back(make("RZ", "Resonator (RZ)",
                           "Damped subthreshold oscillations; a brief pulse elicits spikes",
                           "RZ", G, {0.1, 0.26, -65, 2}, -70, 0.25, 100, p));
    }
    all.push_back(make("LTS", "Low-threshold spiking (LTS)",
                       "Inhibitory interneuron: high-frequency trains with adaptation", "LTS",
                       G, {0.02, 0.25, -65, 2}, -63, 0.25, 250, stepFrom(10, 25)));
    return all;
}

std::vector<Preset> buildFeatures2004() {
    const auto G = PresetGroup::Features2004;
    std::vector<Preset> all;
    all.push_back(make("tonic-spiking", "(A) Tonic spiking",
                       "Fires a regular train of spikes while the input lasts", "A", G,
                       {0.02, 0.2, -65, 6}, -70, 0.25, 100, stepFrom(14, 10)));
    all.push_back(make("phasic-spiking", "(B) Phasic spiking",
                       "Fires a single spike at the onset of the input", "B", G,
                       {0.02, 0.25, -65, 6}, -64, 0.25, 200, stepFrom(0.5, 20)));
    all.push_back(make("tonic-bursting", "(C) Tonic bursting",
                       "Fires periodic bursts of spikes while stimulated", "C", G,
                       {0.02, 0.2, -50, 2}, -70, 0.25, 220, stepFrom(15, 22)));
    all.push_back(make("phasic-bursting", "(D) Phasic bursting",
                       "Fires a single burst at the onset of the input", "D", G,
                       {0.02, 0.25, -55, 0.05}, -64, 0.2, 200, stepFrom(0.6, 20)));
    all.push_back(make("mixed-mode", "(E) Mixed mode",
                       "A phasic burst at onset, then tonic spiking", "E", G,
                       {0.02, 0.2, -55, 4}, -70, 0.25, 160, stepFrom(10, 16)));
    all.push_back(make("spike-frequency-adaptation", "(F) Spike frequency adaptation",
                       "Tonic spiking whose frequency decreases over time", "F", G,
                       {0.01, 0.2, -65, 8}, -70, 0.25, 85, stepFrom(30, 8.5)));
    {
        StimulusProtocol p;
        p.ramps = {{0.075, 30, kForever, false, false, true}};
        auto preset = make("class-1", "(G) Class 1 excitable",
                           "Firing rate grows from zero with a slowly ramped input", "G", G,
                           {0.02, -0.1, -55, 6}, -60, 0.25, 300, p);
        preset.request.model.p1 = 4.1;
        preset.request.model.p0 = 108;
        all.push_back(std::move(preset));
    }
    {
        StimulusProtocol p;
        p.baseline = -0.5;
        p.ramps = {{0.015, 30, kForever, false, false, true}};
        all.push_back(make("class-2", "(H) Class 2 excitable",
                           "Fires at a non-zero frequency as soon as it fires at all", "H", G,
                           {0.2, 0.26, -65, 0}, -64, 0.25, 300, p));
    }
    {
        StimulusProtocol p;
        p.steps = pulses(7.04, {{10, 13}});
        all.push_back(make("spike-latency", "(I) Spike latency",
                           "A spike long after a brief, just-threshold pulse", "I", G,
                           {0.02, 0.2, -65, 6}, -70, 0.2, 100, p));
    }
    {
        StimulusProtocol p;
        p.steps = pulses(2, {{20, 25}});
        all.push_back(make("subthreshold-oscillations", "(J) Subthreshold oscillations",
                           "A spike followed by damped oscillations of the potential", "J", G,
                           {0.05, 0.26, -60, 0}, -62, 0.25, 200, p));
    }
    {
        // T1 = 400/10, T2 = T1 + 20, T3 = 0.7·400, T4 = T3 + 40; each pulse lasts 4 ms.
        const double t1 = 400.0 / 10, t2 = t1 + 20, t3 = 0.7 * 400.0, t4 = t3 + 40;
        StimulusProtocol p;
        p.steps = pulses(0.65, {{t1, t1 + 4}, {t2, t2 + 4}, {t3, t3 + 4}, {t4, t4 + 4}});
        all.push_back(make("resonator", "(K) Resonator",
                           "Fires for pulse pairs at its resonant interval, not at others",
                           "K", G, {0.1, 0.26, -60, -1}, -62, 0.25, 400, p));
    }
    {
        // T1 = 100/11, T2 = T1 + 5, T3 = 0.7·100, T4 = T3 + 10; each pulse lasts 2 ms.
        const double t1 = 100.0 / 11, t2 = t1 + 5, t3 = 0.7 * 100.0, t4 = t3 + 10;
        StimulusProtocol p;
        p.steps = pulses(9, {{t1, t1 + 2}, {t2, t2 + 2}, {t3, t3 + 2}, {t4, t4 + 2}});
        auto preset = make("integrator", "(L) Integrator",
                           "Fires for closely spaced pulse pairs only (coincidence detection)",
                           "L", G, {0.02, -0.1, -55, 6}, -60, 0.25, 100, p);
        preset.request.model.p1 = 4.1;
        preset.request.model.p0 = 108;
        all.push_back(std::move(preset));
    }
    {
        StimulusProtocol p;
        p.steps = pulses(-15, {{20, 25}});
        all.push_back(make("rebound-spike", "(M) Rebound spike",
                           "Fires a spike when released from inhibition", "M", G,
                           {0.03, 0.25, -60, 4}, -64, 0.2, 200, p));
        all.push_back(make("rebound-burst", "(N) Rebound burst",
                           "Fires a burst when released from inhibition", "N", G,
                           {0.03, 0.25, -52, 0}, -64, 0.2, 200, p));
    }
    {
        StimulusProtocol p;
        p.steps = pulses(1, {{10, 15}, {80, 85}});
        auto inhibitory = pulses(-6, {{70, 75}}, false);
        p.steps.insert(p.steps.end(), inhibitory.begin(), inhibitory.end());
        all.push_back(make("threshold-variability", "(O) Threshold variability",
                           "The same pulse fires only after a brief inhibition", "O", G,
                           {0.03, 0.25, -60, 4}, -64, 0.25, 100, p));
    }
    {
        // 0.24; 1.24 for 37.5 < t < 42.5 and 216 < t < 221 (T1 = 300/8).
        const double t1 = 300.0 / 8, t2 = 216;
        StimulusProtocol p;
        p.baseline = 0.24;
        p.steps = pulses(1, {{t1, t1 + 5}, {t2, t2 + 5}});
        all.push_back(make("bistability", "(P) Bistability",
                           "One pulse switches tonic firing on, an identical one switches it off",
                           "P", G, {0.1, 0.26, -60, 0}, -61, 0.25, 300, p));
    }
    {
        // The script's abs(t - 10) < 1 is 9 < t < 11 (exactly, on this grid).
        StimulusProtocol p;
        p.steps = pulses(20, {{9, 11}});
        all.push_back(make("DAP", "(Q) Depolarising after-potential",
                           "After a spike the potential stays above rest (d < 0)", "Q", G,
                           {1, 0.2, -60, -21}, -70, 0.1, 50, p));
    }
    {
        // t/25 for t < 200; 0; (t - 300)/12.5·4 for 300 ≤ t < 312.5; 0 after.
        StimulusProtocol p;
        p.ramps = {{1.0 / 25, 0, 200, true, false, true}, {4.0 / 12.5, 300, 312.5, true, false, false}};
        auto preset = make("accommodation", "(R) Accommodation",
                           "A slow ramp is ignored, a fast one of smaller amplitude fires", "R",
                           G, {0.02, 1, -55, 4}, -65, 0.5, 400, p);
        preset.request.model.u0 = -16;
        preset.request.model.vb = -65;
        preset.request.model.e = 0;
        all.push_back(std::move(preset));
    }
    {
        // 80; 75 for 50 ≤ t ≤ 250 (the script's (t < 50) | (t > 250) → 80).
        StimulusProtocol p;
        p.baseline = 80;
        p.baselineIsPrimary = true;
        p.steps = {{-5, 50, 250, true, true, false}};
        all.push_back(make("inhibition-induced-spiking", "(S) Inhibition-induced spiking",
                           "Fires tonically while the input is lowered", "S", G,
                           {-0.02, -1, -60, 8}, -63.8, 0.5, 350, p));
        all.push_back(make("inhibition-induced-bursting", "(T) Inhibition-induced bursting",
                           "Bursts while the input is lowered", "T", G, {-0.026, -1, -45, -2},
                           -63.8, 0.5, 350, p));
    }
    return all;
}

Preset buildTutorial() {
    Preset preset;
    preset.id = "nestml-tutorial";
    preset.title = "NESTML tutorial run";
    preset.description = "The NESTML Izhikevich tutorial: 25 pA dc for 250 ms from v = -65, u = 0";
    preset.source = "NESTML Izhikevich tutorial (izhikevich_neuron, 25 pA dc_generator)";
    preset.group = PresetGroup::Tutorial;
    auto& r = preset.request;
    r.model.v0 = -65;
    r.model.u0 = 0;
    r.protocol = StimulusProtocol::dc(25);
    r.settings.duration = 250;
    r.settings.dt = 0.1;
    r.settings.integrator = IntegratorKind::RK45;
    return preset;
}

} // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = [] {
        auto list = buildFigure2003();
        auto features = buildFeatures2004();
        list.insert(list.end(), features.begin(), features.end());
        list.push_back(buildTutorial());
        return list;
    }();
    return all;
}

const Preset* findPreset(std::string_view id) {
    for (const auto& preset : presets())
        if (preset.id == id)
            return &preset;
    return nullptr;
}

std::string_view presetGroupTitle(PresetGroup group) {
    switch (group) {
    case PresetGroup::Figure2003: return "Izhikevich 2003, Fig. 2";
    case PresetGroup::Features2004: return "Izhikevich 2004, 20 features";
    case PresetGroup::Tutorial: return "NESTML tutorial";
    }
    return "";
}

} // namespace izh
