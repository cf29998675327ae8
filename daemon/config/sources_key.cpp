#include "key_table.hpp"

#include <vtrguard/core/time.hpp>
#include <vtrguard/sources/source_settings.hpp>

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

void add(rapidjson::Value& object, std::string_view name, rapidjson::Value value, Allocator& a) {
    object.AddMember(text(name, a), value, a);
}

// Where a secret comes from, under the key that reads it back: never the secret itself.
void add_secret_source(rapidjson::Value& object,
                       std::string_view prefix,
                       const core::SecretSource& source,
                       Allocator& allocator) {
    const std::string key(prefix);
    if (!source.env.empty()) {
        add(object, key + "_env", text(source.env, allocator), allocator);
    } else if (!source.file.empty()) {
        add(object, key + "_file", text(source.file, allocator), allocator);
    } else if (!source.credential.empty()) {
        add(object, key + "_credential", text(source.credential, allocator), allocator);
    }
}

rapidjson::Value show_source(const sources::SourceSettings& source, Allocator& allocator) {
    rapidjson::Value object(rapidjson::kObjectType);
    const auto whole = [](auto count) { return static_cast<std::int64_t>(count); };
    add(object, "name", text(source.name, allocator), allocator);
    add(object, "region", text(source.region, allocator), allocator);
    add(object, "base_url", text(source.base_url, allocator), allocator);
    add(object, "token_url", text(source.token_url, allocator), allocator);
    rapidjson::Value ids(rapidjson::kArrayType);
    for (const auto& id : source.marketplace_ids) {
        ids.PushBack(text(id, allocator), allocator);
    }
    add(object, "marketplace_ids", std::move(ids), allocator);
    add(object, "client_id", text(source.client_id, allocator), allocator);
    add_secret_source(object, "client_secret", source.client_secret, allocator);
    add_secret_source(object, "refresh_token", source.refresh_token, allocator);
    add(object,
        "poll_interval",
        text(core::format_duration(source.poll_interval), allocator),
        allocator);
    add(object, "overlap", text(core::format_duration(source.overlap), allocator), allocator);
    add(object, "backfill_days", rapidjson::Value(source.backfill_days), allocator);
    add(object, "requests_per_second", rapidjson::Value(source.requests_per_second), allocator);
    add(object, "burst", rapidjson::Value(source.burst), allocator);
    add(object, "timeout_ms", rapidjson::Value(whole(source.timeout.count())), allocator);
    add(object, "max_attempts", rapidjson::Value(source.max_attempts), allocator);
    add(object, "backoff_base_ms", rapidjson::Value(whole(source.backoff_base.count())), allocator);
    add(object, "backoff_max_ms", rapidjson::Value(whole(source.backoff_max.count())), allocator);
    return object;
}

} // namespace

KeyRule sources_rule() {
    KeyRule rule;
    rule.key = "sources";
    rule.read = [](const rapidjson::Value& value, Config& config) -> std::optional<std::string> {
        auto settings = sources::parse_source_settings(value);
        if (!settings) {
            return settings.error().message; // already `sources[0] (main).burst: why`
        }
        config.sources = std::move(*settings);
        return std::nullopt;
    };
    rule.show = [](const Config& /*config*/) -> std::optional<std::string> { return std::nullopt; };
    rule.show_object = [](const Config& config, Allocator& allocator) {
        rapidjson::Value list(rapidjson::kArrayType);
        for (const auto& source : config.sources) {
            list.PushBack(show_source(source, allocator), allocator);
        }
        return list;
    };
    return rule;
}

} // namespace vtrguard::config
