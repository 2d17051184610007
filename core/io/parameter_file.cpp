// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/parameter_file.h"

#include "core/base/invalid_input.h"
#include "core/io/json_location.h"
#include "core/model/parameter_catalogue.h"
#include "core/model/request_validation.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace izh {

namespace {

using nlohmann::json;

constexpr int kMaxNesting = 16;

InvalidInput at(std::string_view text, std::size_t offset, std::string reason) {
    return InvalidInput("", std::move(reason)).located("", positionOfOffset(text, offset));
}

// The end of the UTF-8 sequence that starts at `i`, or `i` if none does there
// (overlong forms, surrogates and values above U+10FFFF are not UTF-8).
std::size_t endOfUtf8Sequence(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length;
    unsigned char min = 0x80, max = 0xBF; // the second byte's range
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            min = 0xA0;
        if (lead == 0xED)
            max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            min = 0x90;
        if (lead == 0xF4)
            max = 0x8F;
    } else
        return i;
    if (i + length > text.size() || byte(i + 1) < min || byte(i + 1) > max)
        return i;
    for (std::size_t k = 2; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80)
            return i;
    return i + length;
}

// A parameter file is UTF-8 text: anything else (a binary file, an image
// dropped on the window) is named as such, not as a JSON syntax error.
void requireText(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if (byte == 0 || (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r'))
                throw at(text, i, "not a parameter file: binary data, not text");
            ++i;
        } else {
            const std::size_t end = endOfUtf8Sequence(text, i);
            if (end == i)
                throw at(text, i, "not a parameter file: binary data, not UTF-8 text");
            i = end;
        }
    }
}

// Guards the parser against pathological nesting before it runs: real files
// nest three levels deep.
void requireShallow(std::string_view text) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                inString = false;
        } else if (ch == '"') {
            inString = true;
        } else if (ch == '{' || ch == '[') {
            if (++depth > kMaxNesting)
                throw at(text, i, "nested more than " + std::to_string(kMaxNesting) +
                                      " levels deep");
        } else if (ch == '}' || ch == ']') {
            --depth;
        }
    }
}

// Follows the parser through the document so that a number nlohmann cannot
// represent (1e999 overflows to infinity: out_of_range 406, thrown before any
// value exists) is still reported under its field's name, e.g. "model.a".
class PathTracker {
public:
    bool operator()(int, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start: frames_.push_back({false, {}, 0}); break;
        case json::parse_event_t::array_start: frames_.push_back({true, {}, 0}); break;
        case json::parse_event_t::key: frames_.back().key = parsed.get<std::string>(); break;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
            frames_.pop_back();
            [[fallthrough]];
        case json::parse_event_t::value:
            if (!frames_.empty() && frames_.back().isArray)
                ++frames_.back().index;
            break;
        }
        return true; // keep everything: the document is built as without a callback
    }

    // Where the parser is now: the field whose value it is reading.
    std::string path() const {
        std::string path;
        for (const auto& frame : frames_) {
            if (frame.isArray)
                path += "[" + std::to_string(frame.index) + "]";
            else if (!frame.key.empty()) {
                if (!path.empty())
                    path += '.';
                path += frame.key;
            }
        }
        return path; // empty: the document itself
    }

private:
    struct Frame {
        bool isArray;
        std::string key;
        std::size_t index;
    };
    std::vector<Frame> frames_;
};

class Reader {
public:
    explicit Reader(std::vector<Diagnostic>& warnings) : warnings_(warnings) {}

    const json* objectField(const json& parent, const std::string& path, const char* key,
                            const std::vector<std::string>& known) {
        auto it = parent.find(key);
        if (it == parent.end())
            return nullptr;
        const std::string field = join(path, key);
        if (!it->is_object())
            throw InvalidInput(field, "must be an object, not " + std::string(it->type_name()));
        warnUnknown(*it, field, known);
        return &*it;
    }

    void number(const json& object, const std::string& path, const char* key, double& target) {
        auto it = object.find(key);
        if (it == object.end())
            return;
        target = toNumber(*it, join(path, key));
    }

    void optionalNumber(const json& object, const std::string& path, const char* key,
                        std::optional<double>& target) {
        auto it = object.find(key);
        if (it == object.end())
            return;
        if (it->is_null())
            target.reset();
        else
            target = toNumber(*it, join(path, key));
    }

    // t_off: a number, or null for "until the end of the run".
    void endTime(const json& object, const std::string& path, double& target) {
        auto it = object.find("t_off");
        if (it == object.end())
            return;
        target = it->is_null() ? kForever : toNumber(*it, join(path, "t_off"));
    }

    void boolean(const json& object, const std::string& path, const char* key, bool& target) {
        auto it = object.find(key);
        if (it == object.end())
            return;
        if (!it->is_boolean())
            throw InvalidInput(join(path, key), "must be true or false, not " +
                                                    std::string(it->type_name()));
        target = it->get<bool>();
    }

    void integer(const json& object, const std::string& path, const char* key, int& target) {
        auto it = object.find(key);
        if (it == object.end())
            return;
        const double value = toNumber(*it, join(path, key));
        if (value != std::floor(value) || value < 1 || value > 100000)
            throw InvalidInput(join(path, key), "must be a whole number from 1 to 100000");
        target = static_cast<int>(value);
    }

    template <class Item, class Fill>
    void list(const json& object, const std::string& path, const char* key,
              const std::vector<std::string>& known, std::vector<Item>& target, Fill fill) {
        auto it = object.find(key);
        if (it == object.end())
            return;
        const std::string field = join(path, key);
        if (!it->is_array())
            throw InvalidInput(field, "must be a list, not " + std::string(it->type_name()));
        if (it->size() > 100000)
            throw InvalidInput(field, "has more than 100000 entries");
        target.clear();
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string itemPath = field + "[" + std::to_string(i) + "]";
            const json& item = (*it)[i];
            if (!item.is_object())
                throw InvalidInput(itemPath, "must be an object, not " +
                                                 std::string(item.type_name()));
            warnUnknown(item, itemPath, known);
            Item value{};
            fill(item, itemPath, value);
            target.push_back(value);
        }
    }

    void warnUnknown(const json& object, const std::string& path,
                     const std::vector<std::string>& known) {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
                warn(join(path, it.key().c_str()), "unknown field, ignored");
    }

    void warn(std::string field, std::string reason) {
        if (warnings_.size() < kMaxParameterFileWarnings)
            warnings_.push_back({std::move(field), std::move(reason), {}, {}});
        else
            ++unreported_;
    }
    std::size_t unreported() const { return unreported_; }

    static std::string join(const std::string& path, const char* key) {
        return path.empty() ? std::string(key) : path + "." + key;
    }

private:
    static double toNumber(const json& value, const std::string& field) {
        if (!value.is_number())
            throw InvalidInput(field, "must be a number, not " + std::string(value.type_name()));
        const double number = value.get<double>();
        if (!std::isfinite(number))
            throw InvalidInput(field, "must be finite");
        return number;
    }

    std::vector<Diagnostic>& warnings_;
    std::size_t unreported_ = 0;
};

const std::vector<std::string> kTopKeys = {"format", "version", "model", "protocol", "simulation",
                                           "preset"};
const std::vector<std::string> kProtocolKeys = {"baseline", "baseline_is_primary", "steps",
                                                "ramps",    "pulse_trains",        "input_spikes"};
const std::vector<std::string> kWindowKeys = {"amplitude",  "t_on",        "t_off",
                                              "include_on", "include_off", "primary"};
const std::vector<std::string> kRampKeys = {"slope",      "t_on",        "t_off",
                                            "include_on", "include_off", "primary"};
const std::vector<std::string> kTrainKeys = {"amplitude", "t_on",  "width",
                                             "period",    "count", "primary"};
const std::vector<std::string> kSpikeKeys = {"time", "weight"};
// The keys a section's object may hold: the catalogue's parameters stored
// there, and `others`.
std::vector<std::string> keysOf(ParameterSection section, std::vector<std::string> others) {
    for (const auto& info : parameterCatalogue())
        if (info.section == section && !info.fileKey.empty())
            others.emplace_back(info.fileKey);
    return others;
}

json windowJson(double tOn, double tOff, bool includeOn, bool includeOff, bool primary) {
    json j;
    j["t_on"] = tOn;
    j["t_off"] = std::isfinite(tOff) ? json(tOff) : json(nullptr);
    j["include_on"] = includeOn;
    j["include_off"] = includeOff;
    j["primary"] = primary;
    return j;
}

// Where a field of the request lives in the file (validate() names the
// parameters, "vpeak", "dt", and the protocol's fields by their paths,
// "protocol.steps[0].t_off").
std::string fileKeyOf(const std::string& field) {
    if (const ParameterInfo* info = findParameter(field); info && !info->fileKey.empty())
        return std::string(sectionKey(info->section)) + "." + std::string(info->fileKey);
    if (field == "integrator")
        return "simulation.integrator";
    return field;
}

// nlohmann's message without its prefix and position, short: its "last
// read" part can quote a whole line of the file.
std::string syntaxError(const json::parse_error& error) {
    std::string text = error.what();
    if (const auto column = text.find(", column "); column != std::string::npos)
        if (const auto colon = text.find(": ", column); colon != std::string::npos)
            text = text.substr(colon + 2);
    for (const char* prefix : {"syntax error while parsing value - ", "syntax error while parsing "})
        if (text.rfind(prefix, 0) == 0)
            text = text.substr(std::strlen(prefix));
    constexpr std::size_t kLongest = 120;
    if (text.size() > kLongest)
        text = text.substr(0, kLongest) + "…";
    return text;
}

// The time window of a step or a ramp: t_on, t_off (null: to the end), which
// ends are included, and whether the I slider moves it.
template <class Component>
void readWindow(Reader& read, const json& j, const std::string& at, Component& component) {
    read.number(j, at, "t_on", component.tOn);
    read.endTime(j, at, component.tOff);
    read.boolean(j, at, "include_on", component.includeOn);
    read.boolean(j, at, "include_off", component.includeOff);
    read.boolean(j, at, "primary", component.primary);
}

// Reads the catalogue's parameters of `section` from `object`, the section's
// object in the file (if it has one).
void readParameters(Reader& read, const json* object, ParameterSection section,
                    SimulationRequest& request) {
    if (!object)
        return;
    const std::string path(sectionKey(section));
    for (const auto& info : parameterCatalogue()) {
        if (info.section != section || info.fileKey.empty())
            continue;
        const std::string key(info.fileKey);
        const auto it = object->find(key);
        if (it == object->end())
            continue;
        if (it->is_null() && info.derive) {
            info.derive(request);
            continue;
        }
        double value = 0;
        read.number(*object, path, key.c_str(), value);
        info.set(request, value);
    }
}

// The section's object in the file, which may hold the catalogue's
// parameters of the section and `others`; unknown keys are warned of.
const json* sectionObject(Reader& read, const json& root, ParameterSection section,
                          const std::vector<std::string>& others) {
    const std::string key(sectionKey(section));
    return read.objectField(root, "", key.c_str(), keysOf(section, others));
}

ParameterFileContents parseDocument(std::string_view text, const SimulationRequest& base) {
    json root;
    PathTracker tracker;
    try {
        root = json::parse(text.begin(), text.end(), std::ref(tracker));
    } catch (const json::parse_error& error) {
        // error.byte counts from 1: the byte the parser stopped at (one past the
        // end at an unexpected end).
        throw at(text, error.byte == 0 ? 0 : error.byte - 1, "not valid JSON: " + syntaxError(error));
    } catch (const json::out_of_range&) {
        throw InvalidInput(tracker.path(), "must be finite (the number overflows a double)");
    }
    if (!root.is_object())
        throw InvalidInput("", "must hold a JSON object, not " + std::string(root.type_name()));

    ParameterFileContents contents{base, {}};
    Reader read(contents.warnings);
    read.warnUnknown(root, "", kTopKeys);

    if (auto it = root.find("format"); it == root.end())
        read.warn("format", "missing; read as an Izhikevich Explorer parameter file");
    else if (!it->is_string() || it->get<std::string>() != kParameterFileFormat)
        throw InvalidInput("format", "must be \"" + std::string(kParameterFileFormat) + "\"");
    if (auto it = root.find("version"); it != root.end()) {
        if (!it->is_number_integer())
            throw InvalidInput("version", "must be a whole number");
        if (it->get<long long>() > kParameterFileVersion || it->get<long long>() < 1)
            throw InvalidInput("version", "version " + it->dump() + " is not readable by this "
                                          "program (it reads version 1)");
    }

    auto& request = contents.request;
    readParameters(read, sectionObject(read, root, ParameterSection::Model, {}),
                   ParameterSection::Model, request);
    const json* protocol = sectionObject(read, root, ParameterSection::Stimulus, kProtocolKeys);
    if (protocol) {
        auto& p = request.protocol;
        const std::string path = "protocol";
        read.number(*protocol, path, "baseline", p.baseline);
        read.boolean(*protocol, path, "baseline_is_primary", p.baselineIsPrimary);
        read.list(*protocol, path, "steps", kWindowKeys, p.steps,
                  [&](const json& j, const std::string& at, CurrentStep& s) {
                      s = CurrentStep{};
                      read.number(j, at, "amplitude", s.amplitude);
                      readWindow(read, j, at, s);
                  });
        read.list(*protocol, path, "ramps", kRampKeys, p.ramps,
                  [&](const json& j, const std::string& at, CurrentRamp& r) {
                      r = CurrentRamp{};
                      read.number(j, at, "slope", r.slope);
                      readWindow(read, j, at, r);
                  });
        read.list(*protocol, path, "pulse_trains", kTrainKeys, p.trains,
                  [&](const json& j, const std::string& at, PulseTrain& t) {
                      t = PulseTrain{};
                      read.number(j, at, "amplitude", t.amplitude);
                      read.number(j, at, "t_on", t.tOn);
                      read.number(j, at, "width", t.width);
                      read.number(j, at, "period", t.period);
                      read.integer(j, at, "count", t.count);
                      read.boolean(j, at, "primary", t.primary);
                  });
        read.list(*protocol, path, "input_spikes", kSpikeKeys, p.inputSpikes,
                  [&](const json& j, const std::string& at, InputSpike& s) {
                      s = InputSpike{};
                      read.number(j, at, "time", s.time);
                      read.number(j, at, "weight", s.weight);
                  });
    }
    readParameters(read, protocol, ParameterSection::Stimulus, request);
    const json* sim = sectionObject(read, root, ParameterSection::Simulation, {"integrator"});
    readParameters(read, sim, ParameterSection::Simulation, request);
    if (sim) {
        if (auto it = sim->find("integrator"); it != sim->end()) {
            if (!it->is_string())
                throw InvalidInput("simulation.integrator", "must be a string");
            auto kind = integratorFromId(it->get<std::string>());
            if (!kind)
                throw InvalidInput("simulation.integrator",
                                   "unknown integrator '" + it->get<std::string>() + "' (" +
                                       std::string(integratorIdList()) + ")");
            request.settings.integrator = *kind;
        }
    }
    try {
        validateRequest(request, false);
    } catch (const InvalidInput& error) {
        throw InvalidInput(fileKeyOf(error.field()), error.reason());
    }
    if (read.unreported() > 0)
        contents.warnings.push_back({"", "and " + std::to_string(read.unreported()) +
                                             " more unknown fields, ignored", {}, {}});
    return contents;
}

std::optional<TextPosition> positionOfField(std::string_view text, const std::string& field,
                                            JsonPart part = JsonPart::Value) {
    if (field.empty())
        return std::nullopt;
    const auto offset = offsetOfJsonPath(text, field, part);
    return offset ? std::optional(positionOfOffset(text, *offset)) : std::nullopt;
}

} // namespace

ParameterFileContents parseParameterFile(std::string_view text, const SimulationRequest& base) {
    if (text.size() > kMaxParameterFileBytes)
        throw InvalidInput("", "larger than " + std::to_string(kMaxParameterFileBytes >> 20) +
                                   " MiB; not a parameter file");
    requireText(text);
    requireShallow(text);
    ParameterFileContents contents;
    try {
        contents = parseDocument(text, base);
    } catch (const InvalidInput& error) {
        if (error.diagnostic().position)
            throw;
        throw error.located("", positionOfField(text, error.field()));
    }
    for (auto& warning : contents.warnings) // unknown fields: where their keys are
        warning.position = positionOfField(text, warning.field, JsonPart::Key);
    return contents;
}

ParameterFileContents readParameterFile(const std::string& path, const SimulationRequest& base) {
    auto refuse = [&](std::string reason) {
        return InvalidInput("", std::move(reason)).located(path, std::nullopt);
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw refuse(errno == ENOENT ? "no such file" : "cannot read: " + std::string(std::strerror(errno)));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        throw refuse("cannot read: " + std::string(std::strerror(errno)));
    if (S_ISDIR(info.st_mode))
        throw refuse("is a folder, not a parameter file");
    if (!S_ISREG(info.st_mode))
        throw refuse("is not a regular file (a device or a pipe), not a parameter file");
    if (static_cast<std::size_t>(info.st_size) > kMaxParameterFileBytes)
        throw refuse("larger than " + std::to_string(kMaxParameterFileBytes >> 20) +
                     " MiB; not a parameter file");
    std::string text(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t got = ::read(fd, text.data() + done, text.size() - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            throw refuse("cannot read: " + std::string(std::strerror(errno)));
        if (got == 0)
            break; // shrank while being read: parse what is there
        done += static_cast<std::size_t>(got);
    }
    text.resize(done);
    try {
        auto contents = parseParameterFile(text, base);
        for (auto& warning : contents.warnings)
            warning.file = path;
        return contents;
    } catch (const InvalidInput& error) {
        throw error.located(path, error.diagnostic().position);
    }
}

namespace {

// The catalogue's parameters of `section` stored in a file: each under its
// key, a derived one that is unset as null.
json parameterObject(const SimulationRequest& request, ParameterSection section) {
    json object = json::object();
    for (const auto& info : parameterCatalogue()) {
        if (info.section != section || info.fileKey.empty())
            continue;
        const std::string key(info.fileKey);
        object[key] = info.isDerived && info.isDerived(request) ? json(nullptr)
                                                                  : json(info.get(request));
    }
    return object;
}

} // namespace

std::string formatParameterFile(const SimulationRequest& request) {
    json root;
    root["format"] = kParameterFileFormat;
    root["version"] = kParameterFileVersion;
    root["model"] = parameterObject(request, ParameterSection::Model);

    const auto& p = request.protocol;
    json protocol = parameterObject(request, ParameterSection::Stimulus);
    protocol["baseline"] = p.baseline;
    protocol["baseline_is_primary"] = p.baselineIsPrimary;
    protocol["steps"] = json::array();
    for (const auto& s : p.steps) {
        json j = windowJson(s.tOn, s.tOff, s.includeOn, s.includeOff, s.primary);
        j["amplitude"] = s.amplitude;
        protocol["steps"].push_back(j);
    }
    protocol["ramps"] = json::array();
    for (const auto& r : p.ramps) {
        json j = windowJson(r.tOn, r.tOff, r.includeOn, r.includeOff, r.primary);
        j["slope"] = r.slope;
        protocol["ramps"].push_back(j);
    }
    protocol["pulse_trains"] = json::array();
    for (const auto& t : p.trains)
        protocol["pulse_trains"].push_back({{"amplitude", t.amplitude},
                                            {"t_on", t.tOn},
                                            {"width", t.width},
                                            {"period", t.period},
                                            {"count", t.count},
                                            {"primary", t.primary}});
    protocol["input_spikes"] = json::array();
    for (const auto& s : p.inputSpikes)
        protocol["input_spikes"].push_back({{"time", s.time}, {"weight", s.weight}});
    root["protocol"] = protocol;

    root["simulation"] = parameterObject(request, ParameterSection::Simulation);
    root["simulation"]["integrator"] = std::string(integratorId(request.settings.integrator));
    return root.dump(2) + "\n";
}

} // namespace izh
