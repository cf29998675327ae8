#pragma once

#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace vtrguard::core {

// Earliest and latest instants an order time may take; anything outside is a typo or a
// placeholder (`9999-12-31`), not a real purchase or ship-by time.
inline constexpr int k_min_year = 2000;
inline constexpr int k_max_year = 2100;

// The same range in unix seconds, [first instant of k_min_year, first of k_max_year + 1). A
// stored time outside it was written by some program straight into the table; deadline
// arithmetic on it (INT64_MAX, a ship-by in 2400) would overflow, so readers treat it as absent.
inline constexpr std::int64_t k_earliest_unix_time =
    std::chrono::sys_days{std::chrono::year{k_min_year} / std::chrono::January / 1}
        .time_since_epoch()
        .count()
    * 86400;
inline constexpr std::int64_t k_end_unix_time =
    std::chrono::sys_days{std::chrono::year{k_max_year + 1} / std::chrono::January / 1}
        .time_since_epoch()
        .count()
    * 86400;

inline constexpr bool is_supported_unix_time(std::int64_t seconds) {
    return seconds >= k_earliest_unix_time && seconds < k_end_unix_time;
}

// Parses an ISO-8601 instant: `2026-11-27T18:00:00Z`, `2025-07-30T08:34:47+00:00`, `…+0530`,
// fractions of a second (dropped), a space instead of `T`, or a date alone (`2026-11-27`,
// midnight UTC). A date-time without a zone is an error: the zone is not guessable. Years
// outside [k_min_year, k_max_year] are errors. Pure and thread-safe.
Result<TimePoint> parse_instant(std::string_view text);

// `2026-11-27T18:00:00Z`.
std::string format_instant(TimePoint time);

// Parses a whole UTC offset as parse_instant reads one: `Z`, `+08:00`, `-0530`, `+08`. Pure.
Result<std::chrono::seconds> parse_utc_offset(std::string_view text);

// Parses a duration written with units: `24h`, `90m`, `30s`, `7d`, or a sum such as `1h30m`.
// A bare number, an unknown unit or a negative value is an error.
Result<std::chrono::seconds> parse_duration(std::string_view text);

// The shortest exact spelling parse_duration reads back: `1d`, `90m`, `1h30m`, `0s`.
std::string format_duration(std::chrono::seconds duration);

} // namespace vtrguard::core
