#pragma once

#include <vtrguard/config/config.hpp>

#include <rapidjson/document.h>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vtrguard::config {

// One configuration key: where it lives in Config, how its JSON value is read and checked,
// and how `config show` prints it.
struct KeyRule {
    std::string_view key; // dotted path: `lead_times.warn`
    // Reads and validates `value` into `config`; the error says why, without the key.
    std::function<std::optional<std::string>(const rapidjson::Value& value, Config& config)> read;
    // The value as `config show` prints it; nullopt prints `null`.
    std::function<std::optional<std::string>(const Config& config)> show;
    bool is_secret = false; // printed as ******** by `config show`
    // A whole section read by one rule (`carriers`): read's errors already name the full key,
    // and `config show` prints the object this returns instead of `show`'s text.
    std::function<rapidjson::Value(const Config& config,
                                   rapidjson::Document::AllocatorType& allocator)>
        show_object;
    bool is_json = false; // `show` returns JSON text, printed as a JSON value
};

// The `marketplaces` key: one object per marketplace policy (marketplace_keys.cpp).
KeyRule marketplaces_rule();

// Every key, in the order docs/configuration.md and `config show` list them.
std::span<const KeyRule> key_table();

// The `carriers` section: read with tracking::parse_carrier_settings; shown without secrets.
KeyRule carriers_rule();

// The `sources` section: Amazon seller accounts (sources::parse_source_settings); shown without
// secrets.
KeyRule sources_rule();

// Checks that need more than one key (lead times in order); nullopt when all is well, else
// `key: why`.
std::optional<std::string> validate_together(const Config& config);

} // namespace vtrguard::config
