#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/sources/source_settings.hpp>
#include <vtrguard/tracking/carrier_settings.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::config {

// How long before an order's ship-by time each alert level starts (docs/alerts.md).
struct LeadTimes {
    std::chrono::seconds warn{std::chrono::hours{24}};
    std::chrono::seconds error{std::chrono::hours{4}};
    std::chrono::seconds critical{std::chrono::hours{1}};
};

enum class LogFormat { text, json };

struct LogConfig {
    LogFormat format = LogFormat::text;
    std::optional<std::filesystem::path> file; // stderr only when absent
    std::string level = "info";                // an spdlog level name
};

// When the daemon asks the carriers about a number again (docs/carriers-online.md): the first
// lookup comes as soon as a format-valid number appears; while it has no physical scan, the gap
// doubles from `retry_min` up to `retry_max`, until `stop_after` past the first lookup.
struct LookupSchedule {
    std::chrono::seconds retry_min{std::chrono::minutes{15}};
    std::chrono::seconds retry_max{std::chrono::hours{6}};
    std::chrono::seconds stop_after{std::chrono::hours{24 * 14}};

    bool operator==(const LookupSchedule&) const = default;
};

// How reports show times (docs/reports.md): the zone of the daily buckets and of every date and
// time in `vtrguard vtr`'s text, report.html, failing-orders.csv and plan-of-action.md.
struct ReportConfig {
    core::TimeZone time_zone; // UTC
};

// Everything vtrguard can be told, with the defaults it runs on when told nothing. Each member
// is one key of docs/configuration.md; the key table in daemon/config/ reads and checks them.
struct Config {
    std::filesystem::path database = "/var/lib/vtrguard/vtrguard.db";
    std::optional<std::filesystem::path> inbox; // `inbox/` beside the database when absent
    // An inbox file is imported once its size and modification time stayed unchanged this long.
    std::chrono::seconds inbox_settle_time{1};
    std::chrono::seconds poll_interval{60};
    LeadTimes lead_times;
    LogConfig log;
    tracking::TrackingSettings carriers = tracking::default_tracking_settings();
    LookupSchedule lookups;
    // A number the carrier knows but has not physically scanned this long after ship-confirm
    // (or after its first lookup, when the order has no ship-confirm time) is `no_carrier_scan`.
    std::chrono::seconds no_scan_after{std::chrono::hours{24}};
    std::vector<MarketplacePolicy> marketplaces = default_marketplaces(); // never empty
    // A folder of carrier rule files (docs/rules.md) added to the built-in carriers; none when
    // absent. Loading the configuration compiles them into `rules`.
    std::optional<std::filesystem::path> rules_dir;
    std::shared_ptr<const carriers::Ruleset> rules; // null: the built-in carriers alone
    ReportConfig report;
    // Amazon seller accounts whose orders the daemon polls (docs/sources.md); none by default.
    std::vector<sources::SourceSettings> sources;
    // After a sweep, the daemon recomputes the rates behind the vtr_* alerts at most this often.
    std::chrono::seconds vtr_check_interval{std::chrono::minutes{15}};
    // Sweeps or inbox imports failing every time for this long stall the daemon: it logs
    // DAEMON_STALLED and stops the watchdog pings so systemd restarts it.
    std::chrono::seconds stall_after{std::chrono::minutes{10}};

    // The inbox folder in effect: the configured one, or `inbox/` beside the database.
    std::filesystem::path inbox_path() const;

    // The carriers numbers are checked against: the built-in ones plus `rules_dir`'s files.
    // Valid while this Config (or a copy sharing `rules`) lives.
    const carriers::Ruleset& ruleset() const;
};

// The configuration used when no file is given.
Config defaults();

// Reads and validates a configuration file (JSON with // and /* */ comments). Errors carry
// `ErrorCode::config` and read `FILE: key: why`; an unknown key names the closest valid one.
// The rule files of `rules_dir` are read and compiled too: a bad one is `ErrorCode::usage`
// (exit 2, as for `--rules`), reading `FILE: rules_dir: RULEFILE: key: why`. Thread-safe.
Result<Config> load_file(const std::filesystem::path& path);

// Same as load_file for text already in memory; `source` prefixes the error messages.
Result<Config> parse(std::string_view text, std::string_view source);

// Applies the `--db PATH` option: the database moves, and so does the inbox unless the
// configuration names one explicitly.
void apply_database_override(Config& config, const std::filesystem::path& database);

std::string_view log_format_name(LogFormat format);

} // namespace vtrguard::config
