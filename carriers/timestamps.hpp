#pragma once

// Carrier timestamps to Unix seconds, without the clock (the pure engine may not use <chrono>).

#include <vtrguard/carriers/tracking.hpp>

#include <optional>
#include <string_view>

namespace vtrguard::carriers {

// Seconds since the epoch of a UTC civil time; nullopt when a field is out of range.
std::optional<UnixSeconds>
from_civil(int year, int month, int day, int hour, int minute, int second);

// `YYYY-MM-DDTHH:MM[:SS][.fff][Z|±HH:MM|±HHMM]`; no offset reads as UTC.
std::optional<UnixSeconds> parse_iso8601(std::string_view text);

// UPS `gmtDate` (`YYYYMMDD`) and `gmtTime` (`HH:MM:SS`, `HHMMSS` or `HMMSS`).
std::optional<UnixSeconds> parse_ups_gmt(std::string_view date, std::string_view time);

} // namespace vtrguard::carriers
