#include <vtrguard/alerts/carrier_conditions.hpp>
#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace vtrguard::alerts {

namespace {

using store::OrderStatus;

bool is_scanned(const OrderFacts& facts) {
    return facts.lookup->has_physical_scan || facts.order->first_scan_at.has_value();
}

bool is_confirmed(const store::Order& order) {
    return order.ship_confirmed_at.has_value() || order.status == OrderStatus::shipped;
}

// The moment from which a missing scan is counted.
core::TimePoint scan_clock_start(const OrderFacts& facts) {
    return facts.order->ship_confirmed_at.value_or(facts.lookup->first_at);
}

// Whether carrier conditions apply at all.
bool is_watched(const OrderFacts& facts) {
    return facts.lookup != nullptr && facts.order->status != OrderStatus::cancelled
           && !is_scanned(facts);
}

std::optional<Level> at_least_warning(std::optional<Level> level) {
    return level ? std::max(*level, Level::warning) : Level::warning;
}

} // namespace

void carrier_conditions(const OrderFacts& facts,
                        core::TimePoint now,
                        const config::LeadTimes& lead,
                        std::array<std::optional<Level>, k_condition_count>& levels) {
    if (!is_watched(facts)) {
        return;
    }
    const auto& order = *facts.order;
    const auto& lookup = *facts.lookup;
    std::optional<Level> by_time;
    if (order.is_open() && order.ship_by) {
        by_time = level_for(*order.ship_by - now, lead);
    }
    const bool is_overdue = now >= scan_clock_start(facts) + facts.no_scan_after;
    const auto set = [&levels](Condition condition, std::optional<Level> level) {
        levels.at(static_cast<std::size_t>(condition)) = level;
    };
    if (!lookup.status) {
        // Never answered. An open order is judged against ship-by, a shipped one against the
        // time its first scan is due.
        if (tracking::is_failed_lookup(lookup.outcome)) {
            set(Condition::carrier_unreachable,
                order.is_open() ? by_time
                                : (is_overdue ? std::optional{Level::warning} : std::nullopt));
        }
        return;
    }
    if (*lookup.status == carriers::TrackStatus::not_found) {
        // A confirmed shipment's number should be known now; before that only near ship-by.
        set(Condition::carrier_not_found,
            is_confirmed(order) ? at_least_warning(by_time) : by_time);
        return;
    }
    if (is_overdue) {
        set(Condition::no_carrier_scan, at_least_warning(by_time));
    }
}

std::optional<core::TimePoint> next_carrier_threshold(const OrderFacts& facts,
                                                      core::TimePoint now) {
    if (!is_watched(facts)) {
        return std::nullopt;
    }
    const auto due = scan_clock_start(facts) + facts.no_scan_after;
    if (due <= now) {
        return std::nullopt;
    }
    return due;
}

std::string carrier_detail(Condition condition, const OrderFacts& facts) {
    if (facts.lookup == nullptr) {
        return {};
    }
    const auto& lookup = *facts.lookup;
    const auto asked = core::format_instant(lookup.checked_at);
    switch (condition) {
    case Condition::carrier_not_found:
        return fmt::format("the carrier does not know the number (asked {} times, last at {})",
                           lookup.attempts,
                           asked);
    case Condition::no_carrier_scan:
        return fmt::format("no physical scan {} after {}; carrier status {} (last asked at {})",
                           core::format_duration(facts.no_scan_after),
                           facts.order->ship_confirmed_at ? "ship-confirm" : "the first lookup",
                           lookup.status ? carriers::track_status_name(*lookup.status) : "none",
                           asked);
    case Condition::carrier_unreachable:
        return fmt::format("the number could not be verified with the carrier: {}: {} (asked {} "
                           "times, last at {})",
                           tracking::lookup_outcome_name(lookup.outcome),
                           lookup.detail,
                           lookup.attempts,
                           asked);
    default:
        return {};
    }
}

} // namespace vtrguard::alerts
