#pragma once

#include <vtrguard/alerts/decide.hpp>

#include <array>
#include <optional>
#include <string>

namespace vtrguard::alerts {

// The levels of carrier_not_found, no_carrier_scan and carrier_unreachable now, written into
// `levels` (indexed by Condition). They need a lookup of the order's current number; a physical
// scan (from the carrier or the order's own first_scan_at) or a cancelled order clears them all.
// Unlike the other conditions they hold for shipped orders too. Pure.
void carrier_conditions(const OrderFacts& facts,
                        core::TimePoint now,
                        const config::LeadTimes& lead,
                        std::array<std::optional<Level>, k_condition_count>& levels);

// When no_carrier_scan (or carrier_unreachable for a shipped order) can start: `no_scan_after`
// past ship-confirm, or past the first lookup when the order has no ship-confirm time. Nullopt
// when that has passed or nothing is waited for. Pure.
std::optional<core::TimePoint> next_carrier_threshold(const OrderFacts& facts, core::TimePoint now);

// The `detail` of a carrier condition's alert.
std::string carrier_detail(Condition condition, const OrderFacts& facts);

} // namespace vtrguard::alerts
