#pragma once

#include <vtrguard/alerts/event.hpp>
#include <vtrguard/carriers/verdict.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/store/order.hpp>
#include <vtrguard/store/store.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vtrguard::alerts {

// What the engine said about an order's tracking number.
struct TrackingCheck {
    carriers::Reason reason = carriers::Reason::empty; // `empty` when the order has no number
    std::string explanation;                           // explain()'s sentence; empty when valid
};

// Everything decide() looks at for one order. Nothing here reads a clock or a database.
struct OrderFacts {
    const store::Order* order = nullptr;
    TrackingCheck tracking;
    // Other open or shipped orders with the same number: a few of them (the first by order id),
    // so that a number pasted on 20,000 orders costs each order a short line, not the list.
    std::span<const std::string> duplicate_of;
    std::span<const store::OpenAlert> open_alerts; // raised before and not yet resolved
    const store::CarrierLookup* lookup = nullptr;  // of the order's current number; nullptr: none
    std::chrono::seconds no_scan_after{std::chrono::hours{24}}; // config no_scan_after
    std::size_t duplicate_count = 0; // how many such orders in all; 0: those duplicate_of names

    std::size_t duplicates() const { return std::max(duplicate_count, duplicate_of.size()); }
};

// The detail of a duplicate_tracking alert: "also on order A, B" while every other order is
// named, "also on 19,999 other orders, e.g. A, B, C" once `examples` names only some. Pure.
std::string duplicate_detail(std::span<const std::string> examples, std::size_t count);

// What to say about one order now, and when to look at it again.
struct Decision {
    std::vector<AlertEvent> events;
    std::optional<core::TimePoint> next_due; // nullopt: only a change to the order matters
};

// The level lead times give an order whose ship-by is `time_left` away: nullopt while it is
// further away than `lead.warn`, critical once it has passed.
std::optional<Level> level_for(std::chrono::seconds time_left, const config::LeadTimes& lead);

// The level each condition has now (nullopt: not present). Tracking numbers that are wrong are
// at least warnings however far ship-by is; a missing number only counts inside the warning
// window; a closed (shipped or cancelled) order has no conditions. Pure.
std::array<std::optional<Level>, k_condition_count>
conditions_now(const OrderFacts& facts, core::TimePoint now, const config::LeadTimes& lead);

// The first lead-time threshold (or ship-by itself) after `now`; nullopt when none is left
// or the order is closed. Pure.
std::optional<core::TimePoint>
next_threshold(const store::Order& order, core::TimePoint now, const config::LeadTimes& lead);

// The sweep's decision for one order: `raised` for a condition without an open alert,
// `escalated` when its level rose, `resolved` for an open alert whose condition is gone.
// A level that stays or drops says nothing. Pure and thread-safe.
Decision decide(const OrderFacts& facts, core::TimePoint now, const config::LeadTimes& lead);

} // namespace vtrguard::alerts
