#include "key_table.hpp"

#include <vtrguard/carriers/json_guard.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/config/json_comments.hpp>
#include <vtrguard/config/rules_dir.hpp>
#include <vtrguard/core/spelling.hpp>

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace vtrguard::config {

namespace {

constexpr std::size_t k_max_config_bytes = std::size_t{1} << 20;

bool is_section(std::string_view path) {
    for (const auto& rule : key_table()) {
        if (rule.key.size() > path.size() && rule.key.starts_with(path)
            && rule.key[path.size()] == '.') {
            return true;
        }
    }
    return false;
}

const KeyRule* find_rule(std::string_view key) {
    for (const auto& rule : key_table()) {
        if (rule.key == key) {
            return &rule;
        }
    }
    return nullptr;
}

std::string unknown_key_message(const std::string& key) {
    std::vector<std::string_view> keys;
    for (const auto& rule : key_table()) {
        keys.push_back(rule.key);
    }
    return fmt::format(
        "{}: unknown key; the closest valid key is \"{}\"", key, core::closest_match(key, keys));
}

// Reads every member of `object` (found at `prefix`) into `config`.
Result<bool>
read_object(const rapidjson::Value& object, const std::string& prefix, Config& config) {
    for (const auto& member : object.GetObject()) {
        const std::string key =
            prefix + std::string(member.name.GetString(), member.name.GetStringLength());
        if (const auto* rule = find_rule(key)) {
            if (auto why = rule->read(member.value, config)) {
                return fail(ErrorCode::config,
                            rule->show_object ? *why : fmt::format("{}: {}", key, *why));
            }
            continue;
        }
        if (!is_section(key)) {
            return fail(ErrorCode::config, unknown_key_message(key));
        }
        if (!member.value.IsObject()) {
            return fail(ErrorCode::config, fmt::format("{}: must be an object", key));
        }
        auto read = read_object(member.value, key + ".", config);
        if (!read) {
            return read;
        }
    }
    return true;
}

} // namespace

std::filesystem::path Config::inbox_path() const {
    if (inbox) {
        return *inbox;
    }
    return database.parent_path() / "inbox";
}

const carriers::Ruleset& Config::ruleset() const {
    return rules ? *rules : carriers::Ruleset::builtin();
}

Config defaults() {
    return Config{};
}

void apply_database_override(Config& config, const std::filesystem::path& database) {
    // The inbox follows through inbox_path() unless it was configured explicitly.
    config.database = database;
}

std::string_view log_format_name(LogFormat format) {
    return format == LogFormat::json ? "json" : "text";
}

Result<Config> parse(std::string_view text, std::string_view source) {
    auto stripped = strip_json_comments(text);
    if (!stripped) {
        return fail(ErrorCode::config, fmt::format("{}: {}", source, stripped.error().message));
    }
    rapidjson::Document document;
    document.Parse<carriers::json_guard::k_parse_flags | rapidjson::kParseTrailingCommasFlag
                   | rapidjson::kParseStopWhenDoneFlag>(stripped->c_str(), stripped->size());
    if (document.HasParseError()) {
        return fail(ErrorCode::config,
                    fmt::format("{}:{}: invalid JSON: {}",
                                source,
                                line_of_offset(*stripped, document.GetErrorOffset()),
                                rapidjson::GetParseError_En(document.GetParseError())));
    }
    if (!document.IsObject()) {
        return fail(ErrorCode::config, fmt::format("{}: the top level must be an object", source));
    }
    if (auto problem = carriers::json_guard::find_shape_problem(document)) {
        return fail(ErrorCode::config, fmt::format("{}: {}", source, *problem));
    }
    Config config = defaults();
    auto read = read_object(document, "", config);
    if (!read) {
        return fail(ErrorCode::config, fmt::format("{}: {}", source, read.error().message));
    }
    if (auto why = validate_together(config)) {
        return fail(ErrorCode::config, fmt::format("{}: {}", source, *why));
    }
    if (config.rules_dir) {
        auto rules = load_rules_dir(*config.rules_dir);
        if (!rules) {
            return fail(rules.error().code,
                        fmt::format("{}: rules_dir: {}", source, rules.error().message));
        }
        config.rules = std::make_shared<const carriers::Ruleset>(std::move(*rules));
    }
    return config;
}

Result<Config> load_file(const std::filesystem::path& path) {
    // A folder opens as an empty stream on Linux, which would read as "The document is empty".
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        return fail(ErrorCode::config,
                    fmt::format("{}: is a folder, not a configuration file", path.string()));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::config, fmt::format("{}: cannot open the file", path.string()));
    }
    std::string text;
    text.resize(k_max_config_bytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > k_max_config_bytes) {
        return fail(ErrorCode::config,
                    fmt::format("{}: larger than {} bytes", path.string(), k_max_config_bytes));
    }
    return parse(text, path.string());
}

} // namespace vtrguard::config
