#include <vtrguard/core/time.hpp>
#include <vtrguard/sources/source_settings.hpp>

#include <fmt/core.h>
#include <rapidjson/document.h>

#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace vtrguard::sources {

namespace {

// Reads one key into the settings; the error says why, without the key.
using Reader = std::function<std::optional<std::string>(const rapidjson::Value&, SourceSettings&)>;

Reader text_field(std::string SourceSettings::*field) {
    return [field](const rapidjson::Value& value,
                   SourceSettings& settings) -> std::optional<std::string> {
        if (!value.IsString() || value.GetStringLength() == 0) {
            return "must be a non-empty string";
        }
        settings.*field = std::string(value.GetString(), value.GetStringLength());
        return std::nullopt;
    };
}

Reader secret_field(core::SecretSource SourceSettings::*secret,
                    std::string core::SecretSource::*field) {
    return [secret, field](const rapidjson::Value& value,
                           SourceSettings& settings) -> std::optional<std::string> {
        if (!value.IsString() || value.GetStringLength() == 0) {
            return "must be a non-empty string";
        }
        settings.*secret = {};
        (settings.*secret).*field = value.GetString();
        return std::nullopt;
    };
}

Reader number_field(double SourceSettings::*field, double minimum) {
    return [field, minimum](const rapidjson::Value& value,
                            SourceSettings& settings) -> std::optional<std::string> {
        if (!value.IsNumber() || value.GetDouble() < minimum) {
            return fmt::format("must be a number of at least {}", minimum);
        }
        settings.*field = value.GetDouble();
        return std::nullopt;
    };
}

Reader whole_field(int SourceSettings::*field, int minimum, int maximum) {
    return [field, minimum, maximum](const rapidjson::Value& value,
                                     SourceSettings& settings) -> std::optional<std::string> {
        if (!value.IsInt() || value.GetInt() < minimum || value.GetInt() > maximum) {
            return fmt::format("must be a whole number from {} to {}", minimum, maximum);
        }
        settings.*field = value.GetInt();
        return std::nullopt;
    };
}

Reader millis_field(std::chrono::milliseconds SourceSettings::*field, std::uint64_t minimum) {
    return [field, minimum](const rapidjson::Value& value,
                            SourceSettings& settings) -> std::optional<std::string> {
        if (!value.IsUint64() || value.GetUint64() < minimum) {
            return fmt::format("must be a whole number of at least {}", minimum);
        }
        settings.*field = std::chrono::milliseconds{value.GetUint64()};
        return std::nullopt;
    };
}

Reader duration_field(std::chrono::seconds SourceSettings::*field,
                      std::chrono::seconds least,
                      std::chrono::seconds most) {
    return [field, least, most](const rapidjson::Value& value,
                                SourceSettings& settings) -> std::optional<std::string> {
        if (!value.IsString()) {
            return "must be a duration string such as \"3m\" or \"1h\"";
        }
        auto duration = core::parse_duration(value.GetString());
        if (!duration) {
            return duration.error().message;
        }
        if (*duration < least || *duration > most) {
            return fmt::format("{} is outside {}..{}",
                               value.GetString(),
                               core::format_duration(least),
                               core::format_duration(most));
        }
        settings.*field = *duration;
        return std::nullopt;
    };
}

const std::map<std::string, Reader, std::less<>>& source_keys() {
    using core::SecretSource;
    static const std::map<std::string, Reader, std::less<>> k_keys{
        {"name", text_field(&SourceSettings::name)},
        {"region",
         [](const rapidjson::Value& value, SourceSettings& settings) -> std::optional<std::string> {
             if (!value.IsString() || region_host(value.GetString()).empty()) {
                 return "must be one of na, eu, fe";
             }
             settings.region = value.GetString();
             return std::nullopt;
         }},
        {"base_url", text_field(&SourceSettings::base_url)},
        {"token_url", text_field(&SourceSettings::token_url)},
        {"client_id", text_field(&SourceSettings::client_id)},
        {"marketplace_ids",
         [](const rapidjson::Value& value, SourceSettings& settings) -> std::optional<std::string> {
             const char* why = "must be a non-empty array of marketplace ids (ATVPDKIKX0DER…)";
             if (!value.IsArray() || value.Empty()) {
                 return why;
             }
             settings.marketplace_ids.clear();
             for (const auto& id : value.GetArray()) {
                 if (!id.IsString() || id.GetStringLength() == 0) {
                     return why;
                 }
                 settings.marketplace_ids.emplace_back(id.GetString());
             }
             return std::nullopt;
         }},
        {"client_secret_env", secret_field(&SourceSettings::client_secret, &SecretSource::env)},
        {"client_secret_file", secret_field(&SourceSettings::client_secret, &SecretSource::file)},
        {"client_secret_credential",
         secret_field(&SourceSettings::client_secret, &SecretSource::credential)},
        {"refresh_token_env", secret_field(&SourceSettings::refresh_token, &SecretSource::env)},
        {"refresh_token_file", secret_field(&SourceSettings::refresh_token, &SecretSource::file)},
        {"refresh_token_credential",
         secret_field(&SourceSettings::refresh_token, &SecretSource::credential)},
        {"poll_interval",
         duration_field(
             &SourceSettings::poll_interval, std::chrono::seconds{1}, std::chrono::hours{24})},
        {"overlap",
         duration_field(&SourceSettings::overlap, std::chrono::seconds{0}, std::chrono::hours{24})},
        {"backfill_days", whole_field(&SourceSettings::backfill_days, 1, 730)},
        {"requests_per_second", number_field(&SourceSettings::requests_per_second, 0)},
        {"burst", number_field(&SourceSettings::burst, 1)},
        {"timeout_ms", millis_field(&SourceSettings::timeout, 1)},
        {"max_attempts", whole_field(&SourceSettings::max_attempts, 1, 100)},
        {"backoff_base_ms", millis_field(&SourceSettings::backoff_base, 0)},
        {"backoff_max_ms", millis_field(&SourceSettings::backoff_max, 0)},
    };
    return k_keys;
}

bool is_url(std::string_view url) {
    return (url.starts_with("https://") || url.starts_with("http://")) && !url.ends_with('/');
}

Result<SourceSettings> parse_source(const rapidjson::Value& object, std::size_t index) {
    std::string where = fmt::format("sources[{}]", index);
    if (!object.IsObject()) {
        return fail(ErrorCode::config, where + ": must be an object");
    }
    SourceSettings settings;
    if (object.HasMember("name") && object["name"].IsString()) {
        where += fmt::format(" ({})", object["name"].GetString());
    }
    for (const auto& member : object.GetObject()) {
        const std::string key(member.name.GetString(), member.name.GetStringLength());
        const auto found = source_keys().find(key);
        if (found == source_keys().end()) {
            return fail(ErrorCode::config, fmt::format("{}.{}: unknown key", where, key));
        }
        if (auto why = found->second(member.value, settings)) {
            return fail(ErrorCode::config, fmt::format("{}.{}: {}", where, key, *why));
        }
    }
    const auto missing = [&](std::string_view key, std::string_view why) {
        return fail(ErrorCode::config, fmt::format("{}.{}: {}", where, key, why));
    };
    if (settings.name.empty()) {
        return missing("name", "is required");
    }
    for (const char c : settings.name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '_') {
            return missing("name", "may hold only letters, digits, - and _");
        }
    }
    if (settings.marketplace_ids.empty()) {
        return missing("marketplace_ids", "is required (ATVPDKIKX0DER for amazon.com)");
    }
    if (settings.client_id.empty()) {
        return missing("client_id", "is required (the LWA application's client id)");
    }
    if (!settings.client_secret.is_configured()) {
        return missing("client_secret_env", "is required (or client_secret_file, _credential)");
    }
    if (!settings.refresh_token.is_configured()) {
        return missing("refresh_token_env", "is required (or refresh_token_file, _credential)");
    }
    if (settings.base_url.empty()) {
        settings.base_url = std::string(region_host(settings.region));
    }
    if (!is_url(settings.base_url)) {
        return missing("base_url", "must be an http(s) URL without a trailing slash");
    }
    if (!is_url(settings.token_url)) {
        return missing("token_url", "must be an http(s) URL without a trailing slash");
    }
    return settings;
}

} // namespace

std::string_view region_host(std::string_view region) {
    if (region == "na") {
        return "https://sellingpartnerapi-na.amazon.com";
    }
    if (region == "eu") {
        return "https://sellingpartnerapi-eu.amazon.com";
    }
    if (region == "fe") {
        return "https://sellingpartnerapi-fe.amazon.com";
    }
    return {};
}

Result<std::vector<SourceSettings>> parse_source_settings(const rapidjson::Value& section) {
    if (!section.IsArray()) {
        return fail(ErrorCode::config, "sources: must be an array of seller accounts");
    }
    std::vector<SourceSettings> sources;
    std::set<std::string, std::less<>> names;
    for (rapidjson::SizeType i = 0; i < section.Size(); ++i) {
        auto source = parse_source(section[i], i);
        if (!source) {
            return tl::unexpected(source.error());
        }
        if (!names.insert(source->name).second) {
            return fail(ErrorCode::config,
                        fmt::format("sources[{}].name: {} is already used", i, source->name));
        }
        sources.push_back(std::move(*source));
    }
    return sources;
}

} // namespace vtrguard::sources
