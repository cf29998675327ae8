#include "key_table.hpp"

#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace vtrguard::config {

namespace {

using ReadError = std::optional<std::string>;

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
    return out;
}

ReadError read_percent(const rapidjson::Value& value, double& out) {
    if (!value.IsNumber() || value.GetDouble() < 0 || value.GetDouble() > 100) {
        return "must be a percentage between 0 and 100";
    }
    out = value.GetDouble();
    return std::nullopt;
}

// No order is worth more than this; a larger amount (`1e308`) is a typo.
constexpr double k_max_amount = 1'000'000'000;

ReadError read_amount(const rapidjson::Value& value, double& out) {
    if (!value.IsNumber() || !(value.GetDouble() >= 0 && value.GetDouble() <= k_max_amount)) {
        return "must be an amount from 0 to 1000000000";
    }
    out = value.GetDouble();
    return std::nullopt;
}

ReadError read_names(const rapidjson::Value& value, std::vector<std::string>& out, bool is_upper) {
    if (!value.IsArray()) {
        return "must be an array of strings";
    }
    out.clear();
    for (const auto& item : value.GetArray()) {
        if (!item.IsString()) {
            return "must be an array of strings";
        }
        const std::string_view text(item.GetString(), item.GetStringLength());
        out.push_back(is_upper ? upper(text) : core::ascii_lower(text));
    }
    return std::nullopt;
}

ReadError read_lane(const rapidjson::Value& value, ScanLane& lane) {
    if (!value.IsObject()) {
        return "must be an object {from, to, min_value, scans}";
    }
    for (const auto& member : value.GetObject()) {
        const std::string_view key(member.name.GetString(), member.name.GetStringLength());
        ReadError error;
        if (key == "from") {
            error = read_names(member.value, lane.from, true);
        } else if (key == "to") {
            if (!member.value.IsString()) {
                error = "must be a country code";
            } else {
                lane.to = upper(member.value.GetString());
            }
        } else if (key == "min_value") {
            error = read_amount(member.value, lane.min_value);
        } else if (key == "scans") {
            if (!member.value.IsInt() || member.value.GetInt() < 1 || member.value.GetInt() > 9) {
                error = "must be a whole number from 1 to 9";
            } else {
                lane.scans = member.value.GetInt();
            }
        } else {
            error = "unknown key (from, to, min_value, scans)";
        }
        if (error) {
            return fmt::format("{}: {}", key, *error);
        }
    }
    return std::nullopt;
}

ReadError
read_policy_key(std::string_view key, const rapidjson::Value& value, MarketplacePolicy& policy) {
    if (key == "threshold") {
        return read_percent(value, policy.threshold);
    }
    if (key == "warning") {
        return read_percent(value, policy.warning);
    }
    if (key == "integrated_carriers") {
        return read_names(value, policy.integrated_carriers, false);
    }
    if (key == "exempt_service_levels") {
        return read_names(value, policy.exempt_service_levels, false);
    }
    if (key == "exempt_below_value") {
        return read_amount(value, policy.exempt_below_value);
    }
    if (key == "no_scan_after") {
        if (!value.IsString()) {
            return "must be a duration such as \"7d\"";
        }
        auto duration = core::parse_duration(value.GetString());
        if (!duration) {
            return duration.error().message;
        }
        if (*duration < std::chrono::hours{1} || *duration > std::chrono::hours{24 * 60}) {
            return "must be between 1h and 60d";
        }
        policy.no_scan_after = *duration;
        return std::nullopt;
    }
    if (key == "scan_lanes") {
        if (!value.IsArray()) {
            return "must be an array of lanes";
        }
        policy.scan_lanes.clear();
        for (const auto& item : value.GetArray()) {
            ScanLane lane;
            if (auto error = read_lane(item, lane)) {
                return error;
            }
            policy.scan_lanes.push_back(std::move(lane));
        }
        return std::nullopt;
    }
    return "unknown key (threshold, warning, integrated_carriers, exempt_service_levels, "
           "exempt_below_value, scan_lanes, no_scan_after)";
}

ReadError read_marketplaces(const rapidjson::Value& value, std::vector<MarketplacePolicy>& out) {
    if (!value.IsObject() || value.MemberCount() == 0) {
        return "must be an object naming at least one marketplace";
    }
    std::vector<MarketplacePolicy> policies;
    for (const auto& member : value.GetObject()) {
        const std::string name(member.name.GetString(), member.name.GetStringLength());
        if (!member.value.IsObject()) {
            return fmt::format("{}: must be an object", name);
        }
        MarketplacePolicy policy = default_marketplaces().front();
        policy.name = name;
        for (const auto& key : member.value.GetObject()) {
            const std::string_view key_name(key.name.GetString(), key.name.GetStringLength());
            if (auto error = read_policy_key(key_name, key.value, policy)) {
                return fmt::format("{}.{}: {}", name, key_name, *error);
            }
        }
        if (policy.threshold > policy.warning) {
            return fmt::format("{}: threshold {} must not exceed warning {}",
                               name,
                               policy.threshold,
                               policy.warning);
        }
        policies.push_back(std::move(policy));
    }
    out = std::move(policies);
    return std::nullopt;
}

void append_names(std::string& out, const std::vector<std::string>& names) {
    out.push_back('[');
    for (std::size_t i = 0; i < names.size(); ++i) {
        out.append(i == 0 ? "" : ", ");
        core::append_json_string(out, names[i]);
    }
    out.push_back(']');
}

// The policies as the JSON object `marketplaces` reads back.
std::string show_marketplaces(const Config& config) {
    std::string out = "{";
    auto it = std::back_inserter(out);
    for (const auto& policy : config.marketplaces) {
        out.append(out.size() == 1 ? "" : ", ");
        core::append_json_string(out, policy.name);
        fmt::format_to(it,
                       ": {{\"threshold\": {}, \"warning\": {}, \"exempt_below_value\": {}, "
                       "\"no_scan_after\": \"{}\", \"integrated_carriers\": ",
                       policy.threshold,
                       policy.warning,
                       policy.exempt_below_value,
                       core::format_duration(policy.no_scan_after));
        append_names(out, policy.integrated_carriers);
        out.append(", \"exempt_service_levels\": ");
        append_names(out, policy.exempt_service_levels);
        out.append(", \"scan_lanes\": [");
        for (std::size_t i = 0; i < policy.scan_lanes.size(); ++i) {
            const auto& lane = policy.scan_lanes[i];
            out.append(i == 0 ? "{\"from\": " : ", {\"from\": ");
            append_names(out, lane.from);
            out.append(", \"to\": ");
            core::append_json_string(out, lane.to);
            fmt::format_to(it, ", \"min_value\": {}, \"scans\": {}}}", lane.min_value, lane.scans);
        }
        out.append("]}");
    }
    out.push_back('}');
    return out;
}

} // namespace

KeyRule marketplaces_rule() {
    return {"marketplaces",
            [](const rapidjson::Value& value, Config& config) {
                return read_marketplaces(value, config.marketplaces);
            },
            [](const Config& config) -> std::optional<std::string> {
                return show_marketplaces(config);
            },
            false,
            {},
            true};
}

} // namespace vtrguard::config
