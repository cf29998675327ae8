#pragma once

#include <vtrguard/core/result.hpp>
#include <vtrguard/core/secret.hpp>

#include <rapidjson/fwd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::sources {

// searchOrders' default usage plan (Orders API 2026-01-01): one request about every 3 minutes,
// a bucket of 20.
inline constexpr double k_search_orders_rate = 0.0056;
inline constexpr double k_search_orders_burst = 20;
inline constexpr std::string_view k_lwa_token_url = "https://api.amazon.com/auth/o2/token";

// One Amazon seller account polled through the Selling Partner API (docs/sources.md).
struct SourceSettings {
    std::string name;                         // names the account in logs and the store
    std::string region = "na";                // na, eu, fe: picks the SP-API host
    std::string base_url;                     // the SP-API host; from `region` unless given
    std::string token_url{k_lwa_token_url};   // LWA
    std::vector<std::string> marketplace_ids; // at least one
    std::string client_id;                    // the LWA application's client id (not a secret)
    core::SecretSource client_secret;
    core::SecretSource refresh_token;
    std::chrono::seconds poll_interval{std::chrono::minutes{3}};
    int backfill_days = 45;
    double requests_per_second = k_search_orders_rate; // 0 lifts the limit
    double burst = k_search_orders_burst;
    std::chrono::milliseconds timeout{30000};
    std::chrono::seconds overlap{std::chrono::minutes{5}}; // re-read this much before the watermark
    int max_attempts = 5; // per request, first try included, for 5xx and timeouts
    std::chrono::milliseconds backoff_base{2000};
    std::chrono::milliseconds backoff_max{std::chrono::minutes{5}};

    bool operator==(const SourceSettings&) const = default;
};

// The SP-API host of `region` (`na`, `eu`, `fe`); empty for another name.
std::string_view region_host(std::string_view region);

// Reads the `sources` section: an array of account objects. Unknown keys and bad values are
// errors naming the entry, e.g. `sources[0] (main).burst: must be a number of at least 1`.
// Secrets are named (`client_secret_env|file|credential`, `refresh_token_env|file|credential`),
// never given inline; both are required. Names are unique.
Result<std::vector<SourceSettings>> parse_source_settings(const rapidjson::Value& section);

} // namespace vtrguard::sources
