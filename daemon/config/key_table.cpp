#include "key_table.hpp"

#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

#include <array>
#include <utility>
#include <vector>

namespace vtrguard::config {

namespace {

using ReadError = std::optional<std::string>;

ReadError read_string(const rapidjson::Value& value, std::string& out) {
    if (!value.IsString()) {
        return "must be a string";
    }
    out.assign(value.GetString(), value.GetStringLength());
    return std::nullopt;
}

ReadError read_path(const rapidjson::Value& value, std::filesystem::path& out) {
    std::string text;
    if (auto error = read_string(value, text)) {
        return error;
    }
    if (text.empty()) {
        return "must not be empty";
    }
    out = text;
    return std::nullopt;
}

ReadError read_optional_path(const rapidjson::Value& value,
                             std::optional<std::filesystem::path>& out) {
    if (value.IsNull()) {
        out.reset();
        return std::nullopt;
    }
    std::filesystem::path path;
    if (auto error = read_path(value, path)) {
        return *error + " (or null)";
    }
    out = std::move(path);
    return std::nullopt;
}

ReadError read_duration(const rapidjson::Value& value,
                        std::chrono::seconds& out,
                        std::chrono::seconds least,
                        std::chrono::seconds most) {
    std::string text;
    if (auto error = read_string(value, text)) {
        return "must be a duration string such as \"24h\", \"90m\", \"30s\" or \"7d\"";
    }
    auto duration = core::parse_duration(text);
    if (!duration) {
        return duration.error().message;
    }
    if (*duration < least || *duration > most) {
        return fmt::format("{} is outside {}..{}",
                           text,
                           core::format_duration(least),
                           core::format_duration(most));
    }
    out = *duration;
    return std::nullopt;
}

template <typename Choice>
ReadError read_choice(const rapidjson::Value& value,
                      Choice& out,
                      std::span<const std::pair<std::string_view, Choice>> choices) {
    std::string text;
    read_string(value, text);
    std::string names;
    for (const auto& [name, choice] : choices) {
        if (value.IsString() && name == text) {
            out = choice;
            return std::nullopt;
        }
        names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
    }
    return fmt::format("must be one of {}", names);
}

constexpr std::array<std::pair<std::string_view, LogFormat>, 2> k_log_formats{
    {{"text", LogFormat::text}, {"json", LogFormat::json}}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> k_log_levels{
    {{"trace", "trace"},
     {"debug", "debug"},
     {"info", "info"},
     {"warn", "warn"},
     {"error", "error"},
     {"critical", "critical"},
     {"off", "off"}}};

constexpr auto k_min_lead = std::chrono::seconds{1};
constexpr auto k_max_lead = std::chrono::hours{24 * 30};

// A duration key of Config itself, `least` to `most`.
KeyRule duration_rule(std::string_view key,
                      std::chrono::seconds Config::*member,
                      std::chrono::seconds least,
                      std::chrono::seconds most) {
    return {key,
            [member, least, most](const rapidjson::Value& value, Config& config) {
                return read_duration(value, config.*member, least, most);
            },
            [member](const Config& config) -> std::optional<std::string> {
                return core::format_duration(config.*member);
            }};
}

// A lead time key: `member` picks the field out of LeadTimes.
KeyRule lead_time_rule(std::string_view key, std::chrono::seconds LeadTimes::*member) {
    return {key,
            [member](const rapidjson::Value& value, Config& config) {
                return read_duration(value, config.lead_times.*member, k_min_lead, k_max_lead);
            },
            [member](const Config& config) -> std::optional<std::string> {
                return core::format_duration(config.lead_times.*member);
            }};
}

// A key of the `lookups` section.
KeyRule lookup_rule(std::string_view key, std::chrono::seconds LookupSchedule::*member) {
    return {key,
            [member](const rapidjson::Value& value, Config& config) {
                return read_duration(value, config.lookups.*member, k_min_lead, k_max_lead);
            },
            [member](const Config& config) -> std::optional<std::string> {
                return core::format_duration(config.lookups.*member);
            }};
}

// A key holding a path or null; `member` picks the field out of a Config (const or not).
template <typename Member>
KeyRule optional_path_rule(std::string_view key, Member member) {
    return {key,
            [member](const rapidjson::Value& value, Config& config) {
                return read_optional_path(value, member(config));
            },
            [member](const Config& config) -> std::optional<std::string> {
                const auto& path = member(config);
                if (!path) {
                    return std::nullopt;
                }
                return path->string();
            }};
}

std::vector<KeyRule> build_table() {
    std::vector<KeyRule> table;
    table.push_back({"database",
                     [](const rapidjson::Value& value, Config& config) {
                         return read_path(value, config.database);
                     },
                     [](const Config& config) -> std::optional<std::string> {
                         return config.database.string();
                     }});
    table.push_back({"inbox",
                     [](const rapidjson::Value& value, Config& config) {
                         return read_optional_path(value, config.inbox);
                     },
                     [](const Config& config) -> std::optional<std::string> {
                         return config.inbox_path().string();
                     }});
    table.push_back(duration_rule("inbox_settle_time",
                                  &Config::inbox_settle_time,
                                  std::chrono::seconds{1},
                                  std::chrono::hours{1}));
    table.push_back(duration_rule(
        "poll_interval", &Config::poll_interval, std::chrono::seconds{1}, std::chrono::hours{24}));
    table.push_back(lead_time_rule("lead_times.warn", &LeadTimes::warn));
    table.push_back(lead_time_rule("lead_times.error", &LeadTimes::error));
    table.push_back(lead_time_rule("lead_times.critical", &LeadTimes::critical));
    table.push_back({"log.format",
                     [](const rapidjson::Value& value, Config& config) {
                         return read_choice<LogFormat>(value, config.log.format, k_log_formats);
                     },
                     [](const Config& config) -> std::optional<std::string> {
                         return std::string(log_format_name(config.log.format));
                     }});
    table.push_back(optional_path_rule(
        "log.file", [](auto& config) -> auto& { return config.log.file; }));
    table.push_back(
        {"log.level",
         [](const rapidjson::Value& value, Config& config) {
             std::string_view level;
             auto error = read_choice<std::string_view>(value, level, k_log_levels);
             if (!error) {
                 config.log.level = level;
             }
             return error;
         },
         [](const Config& config) -> std::optional<std::string> { return config.log.level; }});
    table.push_back(duration_rule("no_scan_after", &Config::no_scan_after, k_min_lead, k_max_lead));
    table.push_back(duration_rule("vtr_check_interval",
                                  &Config::vtr_check_interval,
                                  std::chrono::seconds{1},
                                  std::chrono::hours{24}));
    table.push_back(duration_rule(
        "stall_after", &Config::stall_after, std::chrono::seconds{1}, std::chrono::hours{24}));
    table.push_back(lookup_rule("lookups.retry_min", &LookupSchedule::retry_min));
    table.push_back(lookup_rule("lookups.retry_max", &LookupSchedule::retry_max));
    table.push_back(lookup_rule("lookups.stop_after", &LookupSchedule::stop_after));
    table.push_back(carriers_rule());
    table.push_back(marketplaces_rule());
    table.push_back(sources_rule());
    table.push_back(optional_path_rule(
        "rules_dir", [](auto& config) -> auto& { return config.rules_dir; }));
    table.push_back({"report.time_zone",
                     [](const rapidjson::Value& value, Config& config) -> ReadError {
                         std::string name;
                         if (auto error = read_string(value, name)) {
                             return error;
                         }
                         auto zone = core::TimeZone::load(name);
                         if (!zone) {
                             return zone.error().message;
                         }
                         config.report.time_zone = std::move(*zone);
                         return std::nullopt;
                     },
                     [](const Config& config) -> std::optional<std::string> {
                         return config.report.time_zone.name();
                     }});
    return table;
}

} // namespace

std::span<const KeyRule> key_table() {
    static const std::vector<KeyRule> k_table = build_table();
    return k_table;
}

std::optional<std::string> validate_together(const Config& config) {
    const auto& lead = config.lead_times;
    if (lead.error >= lead.warn) {
        return fmt::format("lead_times.error: {} must be shorter than lead_times.warn ({})",
                           core::format_duration(lead.error),
                           core::format_duration(lead.warn));
    }
    if (lead.critical >= lead.error) {
        return fmt::format("lead_times.critical: {} must be shorter than lead_times.error ({})",
                           core::format_duration(lead.critical),
                           core::format_duration(lead.error));
    }
    if (config.lookups.retry_min > config.lookups.retry_max) {
        return fmt::format("lookups.retry_min: {} must not be longer than lookups.retry_max ({})",
                           core::format_duration(config.lookups.retry_min),
                           core::format_duration(config.lookups.retry_max));
    }
    return std::nullopt;
}

} // namespace vtrguard::config
