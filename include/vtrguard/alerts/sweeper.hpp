#pragma once

#include <vtrguard/alerts/event.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace vtrguard::alerts {

// A stored order time the sweep ignored: outside the supported years (core::k_min_year ..
// core::k_max_year), so written by some program straight into the table (docs/store.md).
struct IgnoredTime {
    std::string order_id;
    std::string_view column; // `ship_by`, `ship_confirmed_at` or `first_scan_at`
    std::int64_t value = 0;  // as stored, unix seconds
};

struct SweepResult {
    std::vector<AlertEvent> events;          // in the order they were decided
    std::optional<core::TimePoint> next_due; // earliest time an order needs a look; nullopt: none
    std::size_t orders_checked = 0;
    // Times this Sweeper had not reported before: each value is reported once per Sweeper.
    std::vector<IgnoredTime> ignored_times;
};

// Runs the sweep: reads the orders that are due, checks their tracking numbers, decides with
// decide() and records next due times and alerts, all in one transaction. The daemon and
// `vtrguard check` share it. Not thread-safe (it owns the store's transaction while it runs).
class Sweeper {
public:
    Sweeper(store::Store& store,
            const config::Config& config,
            const carriers::Validator& validator);

    // One sweep at `now`. Touches only orders written since the last sweep, awaiting orders
    // that crossed a lead time since then, orders whose carrier timer came, and the orders
    // sharing a tracking number with a changed one. A store failure rolls the whole sweep
    // back and is returned. Run inside a transaction the caller opened, the sweep is part of
    // it: rolled back, it leaves nothing behind (`vtrguard check` does that).
    Result<SweepResult> sweep(core::TimePoint now);

    // Takes new lead times and no_scan_after (after a reload). When they differ from those of
    // the last sweep, the next sweep judges every open order again.
    Result<bool> reconfigure(const config::Config& config);

private:
    store::Store* m_store;
    config::LeadTimes m_lead;
    std::chrono::seconds m_no_scan_after;
    const carriers::Validator* m_validator;
    std::unordered_set<std::string> m_reported_times; // order, column and value of each
};

} // namespace vtrguard::alerts
