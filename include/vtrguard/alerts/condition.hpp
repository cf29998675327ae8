#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace vtrguard::alerts {

// What can be wrong with an open order. The names are stored and logged: never rename one.
enum class Condition : std::uint8_t {
    missing_tracking,
    invalid_tracking,
    carrier_mismatch,
    duplicate_tracking,
    missed_ship_by,
    carrier_not_found,   // the carrier does not know a number it should
    no_carrier_scan,     // known to the carrier, but no physical scan `no_scan_after` on
    carrier_unreachable, // the carrier could not be asked before the deadline
};

inline constexpr std::size_t k_condition_count = 8;

// How loud an alert is; higher is louder, so levels compare with `<`.
enum class Level : std::uint8_t { warning, error, critical };

std::string_view condition_name(Condition condition);
std::optional<Condition> parse_condition(std::string_view name);

// `warning`, `error`, `critical`.
std::string_view level_name(Level level);
std::optional<Level> parse_level(std::string_view name);

} // namespace vtrguard::alerts
