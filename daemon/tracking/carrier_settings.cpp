#include <vtrguard/tracking/carrier_settings.hpp>

#include <fmt/core.h>
#include <rapidjson/document.h>

#include <functional>
#include <map>
#include <string_view>
#include <type_traits>

namespace vtrguard::tracking {

namespace {

using Reader = std::function<Result<bool>(const rapidjson::Value&, CarrierSettings&)>;

CarrierSettings api_defaults(std::string api,
                             std::string base_url,
                             std::vector<std::string> covers,
                             double rate,
                             double burst,
                             std::uint32_t daily,
                             std::size_t batch) {
    CarrierSettings settings;
    settings.api = std::move(api);
    settings.base_url = std::move(base_url);
    settings.covers = std::move(covers);
    settings.requests_per_second = rate;
    settings.burst = burst;
    settings.daily_quota = daily;
    settings.batch_size = batch;
    return settings;
}

Result<bool> want(bool is_ok, std::string_view why) {
    if (!is_ok) {
        return fail(ErrorCode::config, std::string(why));
    }
    return true;
}

Reader text_field(std::string CarrierSettings::*field) {
    return [field](const rapidjson::Value& value, CarrierSettings& settings) -> Result<bool> {
        if (!value.IsString()) {
            return want(false, "must be a string");
        }
        settings.*field = std::string(value.GetString(), value.GetStringLength());
        return true;
    };
}

Reader secret_field(std::string core::SecretSource::*field) {
    return [field](const rapidjson::Value& value, CarrierSettings& settings) -> Result<bool> {
        if (!value.IsString() || value.GetStringLength() == 0) {
            return want(false, "must be a non-empty string");
        }
        settings.secret = {};
        settings.secret.*field = value.GetString();
        return true;
    };
}

// Largest pace and burst any carrier API allows, with room to spare: larger is a typo
// (`1e308`), and would overflow the token bucket's arithmetic.
constexpr double k_max_rate = 100'000;

// Longest wait any `_ms` / `_s` key may name: a day. Longer is a typo, and would overflow the
// clock's arithmetic (2^64 ms is not a std::chrono::milliseconds).
constexpr std::uint64_t k_max_day_ms = 24ULL * 3600 * 1000;
constexpr std::uint64_t k_max_day_s = 24ULL * 3600;

// Largest carrier answer worth buffering.
constexpr std::uint64_t k_max_body_limit = std::uint64_t{1} << 30;

Reader number_field(double CarrierSettings::*field, double minimum, double maximum) {
    return [field, minimum, maximum](const rapidjson::Value& value,
                                     CarrierSettings& settings) -> Result<bool> {
        // GetDouble of 1e308 is finite, so a range check is what rejects the absurd.
        if (!value.IsNumber() || !(value.GetDouble() >= minimum && value.GetDouble() <= maximum)) {
            return want(
                false,
                fmt::format("must be a number of at least {} and at most {}", minimum, maximum));
        }
        settings.*field = value.GetDouble();
        return true;
    };
}

template <typename Integer>
Reader count_field(Integer CarrierSettings::*field, std::uint64_t minimum) {
    return
        [field, minimum](const rapidjson::Value& value, CarrierSettings& settings) -> Result<bool> {
            constexpr std::uint64_t k_most = 100'000'000;
            if (!value.IsUint64() || value.GetUint64() < minimum || value.GetUint64() > k_most) {
                return want(false,
                            fmt::format("must be a whole number from {} to {}", minimum, k_most));
            }
            settings.*field = static_cast<Integer>(value.GetUint64());
            return true;
        };
}

template <typename Duration>
Reader duration_field(Duration CarrierSettings::*field, std::uint64_t minimum) {
    const std::uint64_t most =
        std::is_same_v<Duration, std::chrono::seconds> ? k_max_day_s : k_max_day_ms;
    return [field, minimum, most](const rapidjson::Value& value,
                                  CarrierSettings& settings) -> Result<bool> {
        if (!value.IsUint64() || value.GetUint64() < minimum || value.GetUint64() > most) {
            return want(
                false,
                fmt::format("must be a whole number from {} to {} (one day)", minimum, most));
        }
        settings.*field = Duration{static_cast<typename Duration::rep>(value.GetUint64())};
        return true;
    };
}

const std::map<std::string, Reader, std::less<>>& carrier_keys() {
    static const std::map<std::string, Reader, std::less<>> k_keys{
        {"enabled",
         [](const rapidjson::Value& value, CarrierSettings& settings) -> Result<bool> {
             if (!value.IsBool()) {
                 return want(false, "must be true or false");
             }
             settings.is_enabled = value.GetBool();
             return true;
         }},
        {"base_url", text_field(&CarrierSettings::base_url)},
        {"client_id", text_field(&CarrierSettings::client_id)},
        {"client_secret_env", secret_field(&core::SecretSource::env)},
        {"client_secret_file", secret_field(&core::SecretSource::file)},
        {"client_secret_credential", secret_field(&core::SecretSource::credential)},
        {"api_key_env", secret_field(&core::SecretSource::env)},
        {"api_key_file", secret_field(&core::SecretSource::file)},
        {"api_key_credential", secret_field(&core::SecretSource::credential)},
        {"covers",
         [](const rapidjson::Value& value, CarrierSettings& settings) -> Result<bool> {
             if (!value.IsArray()) {
                 return want(false, "must be an array of carrier codes");
             }
             settings.covers.clear();
             for (const auto& code : value.GetArray()) {
                 if (!code.IsString()) {
                     return want(false, "must be an array of carrier codes");
                 }
                 settings.covers.emplace_back(code.GetString());
             }
             return true;
         }},
        {"requests_per_second", number_field(&CarrierSettings::requests_per_second, 0, k_max_rate)},
        {"burst", number_field(&CarrierSettings::burst, 1, k_max_rate)},
        {"daily_quota", count_field(&CarrierSettings::daily_quota, 0)},
        {"batch_size", count_field(&CarrierSettings::batch_size, 1)},
        {"max_in_flight", count_field(&CarrierSettings::max_in_flight, 1)},
        {"max_attempts", count_field(&CarrierSettings::max_attempts, 1)},
        {"breaker_threshold", count_field(&CarrierSettings::breaker_threshold, 1)},
        {"timeout_ms", duration_field(&CarrierSettings::timeout, 1)},
        {"backoff_base_ms", duration_field(&CarrierSettings::backoff_base, 0)},
        {"backoff_max_ms", duration_field(&CarrierSettings::backoff_max, 0)},
        {"breaker_cooldown_ms", duration_field(&CarrierSettings::breaker_cooldown, 0)},
        {"token_refresh_margin_s", duration_field(&CarrierSettings::token_refresh_margin, 0)},
    };
    return k_keys;
}

std::size_t api_max_batch(std::string_view api) {
    if (api == "fedex") {
        return 30;
    }
    if (api == "17track") {
        return 40;
    }
    return 1;
}

Result<bool> parse_carrier(const rapidjson::Value& object, CarrierSettings& settings) {
    const std::string where = "carriers." + settings.api;
    if (!object.IsObject()) {
        return fail(ErrorCode::config, where + ": must be an object");
    }
    for (const auto& member : object.GetObject()) {
        const std::string key(member.name.GetString(), member.name.GetStringLength());
        const auto found = carrier_keys().find(key);
        if (found == carrier_keys().end()) {
            return fail(ErrorCode::config, fmt::format("{}.{}: unknown key", where, key));
        }
        auto read = found->second(member.value, settings);
        if (!read) {
            return fail(ErrorCode::config,
                        fmt::format("{}.{}: {}", where, key, read.error().message));
        }
    }
    if (settings.batch_size > api_max_batch(settings.api)) {
        return fail(ErrorCode::config,
                    fmt::format("{}.batch_size: {} allows at most {}",
                                where,
                                settings.api,
                                api_max_batch(settings.api)));
    }
    if (settings.base_url.empty() || settings.base_url.back() == '/') {
        return fail(ErrorCode::config,
                    fmt::format("{}.base_url: must be a URL without a trailing slash", where));
    }
    return true;
}

} // namespace

const CarrierSettings* TrackingSettings::find(const std::string& api) const {
    for (const auto& carrier : carriers) {
        if (carrier.api == api) {
            return &carrier;
        }
    }
    return nullptr;
}

CarrierSettings* TrackingSettings::find(const std::string& api) {
    const auto* found = std::as_const(*this).find(api);
    return const_cast<CarrierSettings*>(found); // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

TrackingSettings default_tracking_settings() {
    TrackingSettings settings;
    // UPS publishes no limit: a modest pace. FedEx: 1,400 per 10 s and 100,000 a day per
    // project. USPS: 60 calls an hour. DHL starter tier: 1 call a second, 250 a day.
    // 17TRACK: 3 requests a second; its quota counts registered numbers, not requests.
    settings.carriers = {
        api_defaults("ups", "https://onlinetools.ups.com", {"ups"}, 5, 5, 0, 1),
        api_defaults("fedex", "https://apis.fedex.com", {"fedex"}, 140, 20, 100000, 30),
        api_defaults("usps", "https://apis.usps.com", {"usps"}, 60.0 / 3600.0, 1, 1440, 1),
        api_defaults("dhl", "https://api-eu.dhl.com", {"dhl"}, 1, 1, 250, 1),
        // 17TRACK verifies the cross-border lines and the national posts no other API covers,
        // and stands in for USPS when USPS refuses a number or is unreachable.
        api_defaults("17track",
                     "https://api.17track.net",
                     {"usps",
                      "yunexpress",
                      "fourpx",
                      "yanwen",
                      "cainiao",
                      "sf_express",
                      "china_post",
                      "royal_mail",
                      "japan_post",
                      "la_poste",
                      "deutsche_post",
                      "postnl",
                      "australia_post",
                      "postal"},
                     3,
                     3,
                     0,
                     40),
    };
    return settings;
}

Result<TrackingSettings> parse_carrier_settings(const rapidjson::Value& section) {
    auto settings = default_tracking_settings();
    if (!section.IsObject()) {
        return fail(ErrorCode::config, "carriers: must be an object");
    }
    for (const auto& member : section.GetObject()) {
        const std::string key(member.name.GetString(), member.name.GetStringLength());
        const auto& value = member.value;
        if (auto* carrier = settings.find(key)) {
            auto read = parse_carrier(value, *carrier);
            if (!read) {
                return tl::unexpected(read.error());
            }
        } else if (key == "ca_file" || key == "app_name") {
            if (!value.IsString()) {
                return fail(ErrorCode::config, fmt::format("carriers.{}: must be a string", key));
            }
            (key == "ca_file" ? settings.ca_file : settings.app_name) = value.GetString();
        } else if (key == "connect_timeout_ms") {
            if (!value.IsUint64() || value.GetUint64() == 0 || value.GetUint64() > k_max_day_ms) {
                return fail(
                    ErrorCode::config,
                    fmt::format("carriers.connect_timeout_ms: must be a whole number from 1 "
                                "to {} (one day)",
                                k_max_day_ms));
            }
            settings.connect_timeout = std::chrono::milliseconds{value.GetUint64()};
        } else if (key == "max_body_bytes") {
            if (!value.IsUint64() || value.GetUint64() < 1024
                || value.GetUint64() > k_max_body_limit) {
                return fail(ErrorCode::config,
                            fmt::format("carriers.max_body_bytes: must be a whole number from "
                                        "1024 to {}",
                                        k_max_body_limit));
            }
            settings.max_body_bytes = value.GetUint64();
        } else {
            return fail(ErrorCode::config, fmt::format("carriers.{}: unknown key", key));
        }
    }
    return settings;
}

} // namespace vtrguard::tracking
