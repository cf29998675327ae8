#include <vtrguard/carriers/check_digits.hpp>
#include <vtrguard/carriers/json_guard.hpp>
#include <vtrguard/carriers/rule_file.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <initializer_list>
#include <optional>

namespace vtrguard::carriers {

namespace {

using Value = rapidjson::Value;

// Positions, weights, multipliers, moduli and priorities of real formats are small; bounding
// them keeps the check-digit arithmetic far from int overflow whatever a rule file says.
constexpr int k_small_int_limit = 1000;
constexpr const char* k_small_int_message = "must be an integer from -1000 to 1000";

bool is_small(int value) {
    return value >= -k_small_int_limit && value <= k_small_int_limit;
}

// Reads one file's JSON into specs, naming the key of the first error. Each read_* reports an
// error through fail_at and returns false, so the first problem is the one shown.
class RuleReader {
public:
    explicit RuleReader(std::string_view source)
        : m_source(source) {}

    const Error& error() const { return m_error; }

    bool fail_at(const std::string& key, const std::string& why) {
        m_error = {ErrorCode::invalid_input, std::string(m_source) + ": " + key + ": " + why};
        return false;
    }

    // Every key of `object` is one of `known` ("comment" is allowed anywhere, for people).
    bool only_keys(const Value& object,
                   const std::string& where,
                   std::initializer_list<std::string_view> known) {
        for (const auto& member : object.GetObject()) {
            const std::string_view key(member.name.GetString(), member.name.GetStringLength());
            if (key != "comment" && std::find(known.begin(), known.end(), key) == known.end()) {
                return fail_at(join(where, key), "unknown key");
            }
        }
        return true;
    }

    bool read_string(const Value& object,
                     const std::string& where,
                     const char* key,
                     std::string& out,
                     bool is_required) {
        if (!object.HasMember(key)) {
            return !is_required || fail_at(join(where, key), "required");
        }
        const auto& value = object[key];
        if (!value.IsString() || value.GetStringLength() == 0) {
            return fail_at(join(where, key), "must be a non-empty string");
        }
        out.assign(value.GetString(), value.GetStringLength());
        return true;
    }

    bool read_int(const Value& object, const std::string& where, const char* key, int& out) {
        if (!object.HasMember(key)) {
            return true;
        }
        if (!object[key].IsInt()) {
            return fail_at(join(where, key), "must be an integer");
        }
        if (!is_small(object[key].GetInt())) {
            return fail_at(join(where, key), k_small_int_message);
        }
        out = object[key].GetInt();
        return true;
    }

    bool read_bool(const Value& object, const std::string& where, const char* key, bool& out) {
        if (!object.HasMember(key)) {
            return true;
        }
        if (!object[key].IsBool()) {
            return fail_at(join(where, key), "must be true or false");
        }
        out = object[key].GetBool();
        return true;
    }

    bool read_strings(const Value& object,
                      const std::string& where,
                      const char* key,
                      std::vector<std::string>& out) {
        if (!object.HasMember(key)) {
            return true;
        }
        const auto& value = object[key];
        if (!value.IsArray()) {
            return fail_at(join(where, key), "must be an array of strings");
        }
        for (const auto& item : value.GetArray()) {
            if (!item.IsString() || item.GetStringLength() == 0) {
                return fail_at(join(where, key), "must be an array of non-empty strings");
            }
            out.emplace_back(item.GetString(), item.GetStringLength());
        }
        return true;
    }

    bool read_check(const Value& object, const std::string& where, CheckSpec& check) {
        if (!object.IsObject()) {
            return fail_at(where, "must be an object");
        }
        if (!only_keys(object,
                       where,
                       {"algorithm",
                        "serial_begin",
                        "serial_end",
                        "check_at",
                        "weights",
                        "evens_multiplier",
                        "odds_multiplier",
                        "reverse",
                        "modulo1",
                        "modulo2",
                        "prepend"})) {
            return false;
        }
        std::string name;
        if (!read_string(object, where, "algorithm", name, true)) {
            return false;
        }
        const auto algorithm = algorithm_from_name(name);
        if (!algorithm) {
            return fail_at(join(where, "algorithm"),
                           "unknown algorithm \"" + name
                               + "\" (known: none, mod10, mod7, s10, luhn, mod37_36, "
                                 "weighted_mod)");
        }
        check.algorithm = *algorithm;
        if (object.HasMember("weights")) {
            const auto& weights = object["weights"];
            if (!weights.IsArray() || weights.Empty()) {
                return fail_at(join(where, "weights"), "must be a non-empty array of integers");
            }
            for (const auto& weight : weights.GetArray()) {
                if (!weight.IsInt()) {
                    return fail_at(join(where, "weights"), "must be a non-empty array of integers");
                }
                if (!is_small(weight.GetInt())) {
                    return fail_at(join(where, "weights"), k_small_int_message);
                }
                check.weights.push_back(weight.GetInt());
            }
        }
        return read_int(object, where, "serial_begin", check.serial_begin)
               && read_int(object, where, "serial_end", check.serial_end)
               && read_int(object, where, "check_at", check.check_at)
               && read_int(object, where, "evens_multiplier", check.evens_multiplier)
               && read_int(object, where, "odds_multiplier", check.odds_multiplier)
               && read_bool(object, where, "reverse", check.reverse)
               && read_int(object, where, "modulo1", check.modulo1)
               && read_int(object, where, "modulo2", check.modulo2)
               && read_string(object, where, "prepend", check.prepend, false);
    }

    bool read_format(const Value& object, const std::string& where, FormatSpec& format) {
        if (!object.IsObject()) {
            return fail_at(where, "must be an object");
        }
        if (!only_keys(object,
                       where,
                       {"id",
                        "service",
                        "pattern",
                        "check",
                        "country_suffix",
                        "priority",
                        "needs_declared"})) {
            return false;
        }
        if (!read_string(object, where, "id", format.id, true)
            || !read_string(object, where, "service", format.service, true)
            || !read_string(object, where, "pattern", format.pattern, true)
            || !read_bool(object, where, "country_suffix", format.country_suffix)
            || !read_int(object, where, "priority", format.priority)
            || !read_bool(object, where, "needs_declared", format.needs_declared)) {
            return false;
        }
        auto compiled = compile_pattern(format.pattern);
        if (!compiled) {
            return fail_at(join(where, "pattern"), compiled.error().message);
        }
        return !object.HasMember("check")
               || read_check(object["check"], join(where, "check"), format.check);
    }

    bool read_carrier(const Value& object, const std::string& where, CarrierSpec& carrier) {
        if (!object.IsObject()) {
            return fail_at(where, "must be an object");
        }
        if (!only_keys(
                object,
                where,
                {"code", "name", "aliases", "marketplace_names", "tracking_url", "formats"})) {
            return false;
        }
        if (!read_string(object, where, "code", carrier.code, true)
            || !read_string(object, where, "name", carrier.name, false)
            || !read_string(object, where, "tracking_url", carrier.tracking_url, false)
            || !read_strings(object, where, "aliases", carrier.aliases)
            || !read_strings(object, where, "marketplace_names", carrier.marketplace_names)) {
            return false;
        }
        if (!object.HasMember("formats")) {
            return true;
        }
        const auto& formats = object["formats"];
        if (!formats.IsArray()) {
            return fail_at(join(where, "formats"), "must be an array");
        }
        for (rapidjson::SizeType i = 0; i < formats.Size(); ++i) {
            FormatSpec format;
            if (!read_format(formats[i], index(join(where, "formats"), i), format)) {
                return false;
            }
            carrier.formats.push_back(std::move(format));
        }
        return true;
    }

    static std::string join(const std::string& where, std::string_view key) {
        return where + (where.empty() ? "" : ".") + std::string(key);
    }

    static std::string index(const std::string& where, std::size_t i) {
        return where + "[" + std::to_string(i) + "]";
    }

private:
    std::string_view m_source;
    Error m_error;
};

struct FormatOwner {
    const CarrierSpec* carrier = nullptr;
};

FormatOwner owner_of(const std::vector<CarrierSpec>& carriers, std::string_view format_id) {
    for (const auto& carrier : carriers) {
        for (const auto& format : carrier.formats) {
            if (format.id == format_id) {
                return {&carrier};
            }
        }
    }
    return {};
}

// Merges one carrier read from a file into `carriers`: a new code adds it, a known one gains the
// file's formats and names. Renaming or re-pointing a known carrier is refused: its name and
// URL are what reports already show.
bool merge(RuleReader& reader,
           const std::string& where,
           CarrierSpec carrier,
           std::vector<CarrierSpec>& carriers) {
    for (std::size_t f = 0; f < carrier.formats.size(); ++f) {
        const auto& id = carrier.formats[f].id;
        const auto owner = owner_of(carriers, id);
        if (owner.carrier != nullptr) {
            return reader.fail_at(
                RuleReader::join(RuleReader::index(RuleReader::join(where, "formats"), f), "id"),
                "format \"" + id + "\" is already a format of carrier \"" + owner.carrier->code
                    + "\" (" + owner.carrier->name + "); choose another id");
        }
    }
    const auto existing = std::find_if(carriers.begin(), carriers.end(), [&](const auto& known) {
        return known.code == carrier.code;
    });
    if (existing == carriers.end()) {
        if (carrier.name.empty()) {
            return reader.fail_at(RuleReader::join(where, "name"),
                                  "required for a new carrier \"" + carrier.code + "\"");
        }
        if (carrier.formats.empty()) {
            return reader.fail_at(RuleReader::join(where, "formats"),
                                  "a new carrier needs at least one format");
        }
        carriers.push_back(std::move(carrier));
        return true;
    }
    if (!carrier.name.empty() && carrier.name != existing->name) {
        return reader.fail_at(RuleReader::join(where, "name"),
                              "carrier \"" + carrier.code + "\" exists as \"" + existing->name
                                  + "\"; a file may extend it but not rename it");
    }
    if (!carrier.tracking_url.empty() && carrier.tracking_url != existing->tracking_url) {
        return reader.fail_at(RuleReader::join(where, "tracking_url"),
                              "carrier \"" + carrier.code
                                  + "\" exists; a file may extend it but not change its URL");
    }
    auto& target = *existing;
    target.aliases.insert(target.aliases.end(), carrier.aliases.begin(), carrier.aliases.end());
    target.marketplace_names.insert(target.marketplace_names.end(),
                                    carrier.marketplace_names.begin(),
                                    carrier.marketplace_names.end());
    for (auto& format : carrier.formats) {
        target.formats.push_back(std::move(format));
    }
    return true;
}

} // namespace

Result<bool> apply_rule_file(const RuleFile& file, std::vector<CarrierSpec>& carriers) {
    RuleReader reader(file.source);
    rapidjson::Document document;
    document.Parse<json_guard::k_parse_flags | rapidjson::kParseStopWhenDoneFlag>(file.text.data(),
                                                                                  file.text.size());
    if (document.HasParseError()) {
        return fail(ErrorCode::invalid_input,
                    file.source + ": not valid JSON (at byte "
                        + std::to_string(document.GetErrorOffset() + 1) + ")");
    }
    if (!document.IsObject()) {
        return fail(ErrorCode::invalid_input, file.source + ": must be a JSON object");
    }
    if (auto problem = json_guard::find_shape_problem(document)) {
        return fail(ErrorCode::invalid_input, file.source + ": " + *problem);
    }
    if (!reader.only_keys(document, "", {"carriers"})) {
        return tl::unexpected(reader.error());
    }
    if (!document.HasMember("carriers") || !document["carriers"].IsArray()
        || document["carriers"].Empty()) {
        return fail(ErrorCode::invalid_input,
                    file.source + ": carriers: required, a non-empty array");
    }
    auto updated = carriers;
    const auto& list = document["carriers"];
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        const std::string where = RuleReader::index("carriers", i);
        CarrierSpec carrier;
        if (!reader.read_carrier(list[i], where, carrier)
            || !merge(reader, where, std::move(carrier), updated)) {
            return tl::unexpected(reader.error());
        }
    }
    carriers = std::move(updated);
    return true;
}

Result<Ruleset> build_with_rule_files(std::span<const RuleFile> files) {
    auto carriers = builtin_carrier_specs();
    for (const auto& file : files) {
        auto applied = apply_rule_file(file, carriers);
        if (!applied) {
            return tl::unexpected(applied.error());
        }
        // Compile after each file so an error names the file that caused it.
        auto built = Ruleset::build(carriers);
        if (!built) {
            return fail(ErrorCode::invalid_input, file.source + ": " + built.error().message);
        }
    }
    return Ruleset::build(std::move(carriers));
}

} // namespace vtrguard::carriers
