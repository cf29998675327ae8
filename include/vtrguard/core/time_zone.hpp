#pragma once

#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::core {

// Where Debian's tzdata package installs the IANA zone files.
inline constexpr std::string_view k_zoneinfo_dir = "/usr/share/zoneinfo";

// The UTC offset in effect at each instant: UTC, a fixed offset or an IANA zone read from its
// TZif file. Never reads the process's TZ or locale. Copyable; const use is thread-safe.
class TimeZone {
public:
    struct Transition {
        std::int64_t at = 0;     // Unix seconds from which `offset` applies
        std::int32_t offset = 0; // seconds east of UTC
    };

    TimeZone(); // UTC

    // A fixed offset east of UTC, named `UTC+08:00` (`UTC` for zero).
    static TimeZone fixed(std::chrono::seconds offset);

    // `UTC`, a fixed offset (`+08:00`, `-05:30`, `+0800`, `UTC+08:00`) or an IANA name
    // (`Asia/Shanghai`) whose TZif file lies under `zoneinfo`. Errors (ErrorCode::invalid_input)
    // name the text: a name with `..` or a leading `/`, no such zone file, or a file that is not
    // TZif. Thread-safe.
    static Result<TimeZone> load(std::string_view name,
                                 const std::filesystem::path& zoneinfo = k_zoneinfo_dir);

    // Reads TZif data (RFC 8536, versions 1 to 4): the 64-bit transitions when present, else
    // the 32-bit ones, and the footer's POSIX TZ rule for the years after the last transition
    // (up to 2100). `name` is what name() returns. Errors: ErrorCode::invalid_input. Pure.
    static Result<TimeZone> from_tzif(std::string_view name, std::string_view data);

    // The zone as configured: `UTC`, `UTC+08:00`, `Asia/Shanghai`.
    const std::string& name() const { return m_name; }

    // The offset east of UTC in effect at `time`.
    std::chrono::seconds offset_at(TimePoint time) const;

    // The local calendar day holding `time`.
    std::chrono::sys_days local_day(TimePoint time) const;

    // The first instant of the local day holding `time`.
    TimePoint day_start(TimePoint time) const;

    // The first instant of the local day `day`.
    TimePoint day_start(std::chrono::sys_days day) const;

    // What a reader needs to know: `UTC`, `Asia/Shanghai (UTC+08:00)`, or for a zone whose
    // offset changes within [from, to) every offset met, `Europe/Berlin (UTC+01:00, UTC+02:00)`.
    std::string describe(TimePoint from, TimePoint to) const;

private:
    std::string m_name = "UTC";
    std::int32_t m_initial = 0;            // before the first transition
    std::vector<Transition> m_transitions; // sorted by `at`
};

// `UTC+08:00`, `UTC-05:30`, `UTC` for zero.
std::string format_utc_offset(std::chrono::seconds offset);

// `2026-03-01`: the local date of `time` in `zone`.
std::string format_date(TimePoint time, const TimeZone& zone);

// `2026-03-01T20:00:00+08:00`: local time with its offset; `…Z` where the offset is zero, as
// format_instant writes it.
std::string format_instant(TimePoint time, const TimeZone& zone);

} // namespace vtrguard::core
