#include <vtrguard/alerts/condition.hpp>

#include <array>

namespace vtrguard::alerts {

namespace {

constexpr std::array<std::string_view, k_condition_count> k_condition_names{
    "missing_tracking",
    "invalid_tracking",
    "carrier_mismatch",
    "duplicate_tracking",
    "missed_ship_by",
    "carrier_not_found",
    "no_carrier_scan",
    "carrier_unreachable",
};

constexpr std::array<std::string_view, 3> k_level_names{"warning", "error", "critical"};

} // namespace

std::string_view condition_name(Condition condition) {
    return k_condition_names.at(static_cast<std::size_t>(condition));
}

std::optional<Condition> parse_condition(std::string_view name) {
    for (std::size_t i = 0; i < k_condition_names.size(); ++i) {
        if (k_condition_names[i] == name) {
            return static_cast<Condition>(i);
        }
    }
    return std::nullopt;
}

std::string_view level_name(Level level) {
    return k_level_names.at(static_cast<std::size_t>(level));
}

std::optional<Level> parse_level(std::string_view name) {
    for (std::size_t i = 0; i < k_level_names.size(); ++i) {
        if (k_level_names[i] == name) {
            return static_cast<Level>(i);
        }
    }
    return std::nullopt;
}

} // namespace vtrguard::alerts
