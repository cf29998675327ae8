#include "key_table.hpp"

#include <vtrguard/core/url_redact.hpp>
#include <vtrguard/tracking/carrier_settings.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace vtrguard::config {

namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value text(std::string_view value, Allocator& allocator) {
    return rapidjson::Value(
        value.data(), static_cast<rapidjson::SizeType>(value.size()), allocator);
}

void add(rapidjson::Value& object,
         std::string_view name,
         rapidjson::Value value,
         Allocator& allocator) {
    object.AddMember(text(name, allocator), value, allocator);
}

// Where the secret comes from, under the key that reads it back; the secret itself is never
// in the configuration, so it cannot be shown.
void add_secret_source(rapidjson::Value& object,
                       const tracking::CarrierSettings& carrier,
                       Allocator& allocator) {
    const std::string prefix =
        carrier.api == "dhl" || carrier.api == "17track" ? "api_key_" : "client_secret_";
    const auto& source = carrier.secret;
    if (!source.env.empty()) {
        add(object, prefix + "env", text(source.env, allocator), allocator);
    } else if (!source.file.empty()) {
        add(object, prefix + "file", text(source.file, allocator), allocator);
    } else if (!source.credential.empty()) {
        add(object, prefix + "credential", text(source.credential, allocator), allocator);
    }
}

rapidjson::Value show_carrier(const tracking::CarrierSettings& carrier, Allocator& allocator) {
    rapidjson::Value object(rapidjson::kObjectType);
    const auto whole = [](auto count) { return static_cast<std::uint64_t>(count); };
    add(object, "enabled", rapidjson::Value(carrier.is_enabled), allocator);
    add(object, "base_url", text(core::redact_url(carrier.base_url), allocator), allocator);
    add(object, "client_id", text(carrier.client_id, allocator), allocator);
    add_secret_source(object, carrier, allocator);
    rapidjson::Value covers(rapidjson::kArrayType);
    for (const auto& code : carrier.covers) {
        covers.PushBack(text(code, allocator), allocator);
    }
    add(object, "covers", std::move(covers), allocator);
    add(object, "requests_per_second", rapidjson::Value(carrier.requests_per_second), allocator);
    add(object, "burst", rapidjson::Value(carrier.burst), allocator);
    add(object, "daily_quota", rapidjson::Value(whole(carrier.daily_quota)), allocator);
    add(object, "batch_size", rapidjson::Value(whole(carrier.batch_size)), allocator);
    add(object, "max_in_flight", rapidjson::Value(whole(carrier.max_in_flight)), allocator);
    add(object, "timeout_ms", rapidjson::Value(whole(carrier.timeout.count())), allocator);
    add(object, "max_attempts", rapidjson::Value(whole(carrier.max_attempts)), allocator);
    add(object,
        "backoff_base_ms",
        rapidjson::Value(whole(carrier.backoff_base.count())),
        allocator);
    add(object, "backoff_max_ms", rapidjson::Value(whole(carrier.backoff_max.count())), allocator);
    add(object, "breaker_threshold", rapidjson::Value(whole(carrier.breaker_threshold)), allocator);
    add(object,
        "breaker_cooldown_ms",
        rapidjson::Value(whole(carrier.breaker_cooldown.count())),
        allocator);
    add(object,
        "token_refresh_margin_s",
        rapidjson::Value(whole(carrier.token_refresh_margin.count())),
        allocator);
    return object;
}

rapidjson::Value show_carriers(const tracking::TrackingSettings& settings, Allocator& allocator) {
    rapidjson::Value object(rapidjson::kObjectType);
    add(object, "ca_file", text(settings.ca_file, allocator), allocator);
    add(object,
        "connect_timeout_ms",
        rapidjson::Value(static_cast<std::uint64_t>(settings.connect_timeout.count())),
        allocator);
    add(object,
        "max_body_bytes",
        rapidjson::Value(static_cast<std::uint64_t>(settings.max_body_bytes)),
        allocator);
    add(object, "app_name", text(settings.app_name, allocator), allocator);
    for (const auto& carrier : settings.carriers) {
        add(object, carrier.api, show_carrier(carrier, allocator), allocator);
    }
    return object;
}

} // namespace

KeyRule carriers_rule() {
    KeyRule rule;
    rule.key = "carriers";
    rule.read = [](const rapidjson::Value& value, Config& config) -> std::optional<std::string> {
        auto settings = tracking::parse_carrier_settings(value);
        if (!settings) {
            return settings.error().message; // already `carriers.ups.burst: why`
        }
        config.carriers = std::move(*settings);
        return std::nullopt;
    };
    rule.show = [](const Config& /*config*/) -> std::optional<std::string> { return std::nullopt; };
    rule.show_object = [](const Config& config, Allocator& allocator) {
        return show_carriers(config.carriers, allocator);
    };
    return rule;
}

} // namespace vtrguard::config
