#pragma once

#include <vtrguard/core/result.hpp>
#include <vtrguard/core/secret.hpp>

#include <rapidjson/fwd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vtrguard::tracking {

// One carrier tracking API: where it is, how we authenticate, how politely we call it.
// The defaults are the published limits (docs/carriers-online.md).
struct CarrierSettings {
    std::string api; // `ups`, `fedex`, `usps`, `dhl`, `17track`
    bool is_enabled = true;
    std::string base_url;            // scheme and host, no trailing slash
    std::string client_id;           // OAuth client id / API key id (not a secret)
    core::SecretSource secret;       // OAuth client secret, or the API key (DHL, 17TRACK)
    std::vector<std::string> covers; // validator carrier codes this API answers for
    double requests_per_second = 1;  // token-bucket refill; 0 lifts the limit
    double burst = 1;                // token-bucket size
    std::uint32_t daily_quota = 0;   // requests per UTC day; 0 = none
    std::size_t batch_size = 1;      // numbers per request, at most the API's maximum
    std::size_t max_in_flight = 4;   // concurrent requests to this carrier
    std::chrono::milliseconds timeout{15000};
    int max_attempts = 4; // per number, first try included
    std::chrono::milliseconds backoff_base{1000};
    std::chrono::milliseconds backoff_max{60000};
    int breaker_threshold = 5; // consecutive failures that open the circuit
    std::chrono::milliseconds breaker_cooldown{60000};
    std::chrono::seconds token_refresh_margin{1800}; // refresh OAuth tokens this early
};

// Everything the carrier lookups need. Plain data; the daemon's config embeds it.
struct TrackingSettings {
    std::string ca_file; // empty: the system CA store
    std::chrono::milliseconds connect_timeout{5000};
    std::size_t max_body_bytes = std::size_t{4} << 20;
    std::string app_name = "vtrguard";     // UPS transactionSrc, User-Agent
    std::vector<CarrierSettings> carriers; // one per API, defaults for all five

    // The settings of `api`, or nullptr.
    const CarrierSettings* find(const std::string& api) const;
    CarrierSettings* find(const std::string& api);
};

// The defaults: all five APIs at their production URLs and documented limits, no secrets.
TrackingSettings default_tracking_settings();

// Reads the `carriers` section on top of the defaults. Global keys (`ca_file`,
// `connect_timeout_ms`, `max_body_bytes`, `app_name`) and one object per API. Unknown keys and
// bad values are errors `carriers.ups.burst: must be at least 1`. Secrets are named
// (`client_secret_env`, `client_secret_file`, `client_secret_credential`, or `api_key_*`),
// never given inline.
Result<TrackingSettings> parse_carrier_settings(const rapidjson::Value& section);

} // namespace vtrguard::tracking
