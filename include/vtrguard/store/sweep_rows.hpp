#pragma once

#include <vtrguard/alerts/condition.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/store/carrier_lookup.hpp>
#include <vtrguard/store/order.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::store {

// An alert that was raised and not yet resolved.
struct OpenAlert {
    alerts::Condition condition = alerts::Condition::missing_tracking;
    alerts::Level level = alerts::Level::warning;
};

struct RowAlert {
    std::int64_t row_id = 0;
    OpenAlert alert;
};

// The stored check of an order whose verdict is not `ok` or whose normalized number is not
// its plain key (table tracking_checks). Any other swept order is `ok` with its plain key.
struct StoredCheck {
    std::string tracking_key; // empty when the number normalizes to nothing
    std::string verdict;      // the engine's reason name
};

struct RowCheck {
    std::int64_t row_id = 0;
    StoredCheck check;
};

struct RowTimer {
    std::int64_t row_id = 0;
    std::int64_t due_at = 0; // unix seconds
};

// An order the sweep has to look at, with what the store remembers about it. Only the order
// fields the sweep looks at are read: order id, ship-by, status, carrier, tracking number,
// ship-confirm and first scan times.
// A stored time outside the supported years (core::is_supported_unix_time), which the sweep
// reads as absent: `column` is the orders column, `value` its unix seconds.
struct OutOfRangeTime {
    std::string_view column; // a literal: `ship_by`, `ship_confirmed_at`, `first_scan_at`
    std::int64_t value = 0;
};

struct DueOrder {
    std::int64_t row_id = 0;
    Order order;
    std::vector<OutOfRangeTime> out_of_range; // times read as absent, empty for most orders
    std::optional<StoredCheck> check;
    std::optional<std::int64_t> timer; // unix seconds of its carrier timer, if set
    std::vector<OpenAlert> open_alerts;
    std::optional<CarrierLookup> lookup; // the last carrier lookup for this order, if any
};

// Another order whose number may be the same.
struct KeyHolder {
    std::int64_t row_id = 0;
    std::string order_id;
    OrderStatus status = OrderStatus::awaiting;
    std::string tracking_number;
    bool is_queued = false; // written since the last sweep
};

// What one sweep decided about one order.
struct SweepWrite {
    enum class Change : std::uint8_t { keep, put, remove };
    std::int64_t row_id = 0;
    Change check = Change::keep;
    std::string_view tracking_key; // for Change::put; empty when none
    std::string_view verdict;      // for Change::put
    Change timer = Change::keep;
    std::int64_t timer_due = 0; // for Change::put, unix seconds
};

// One change to the alerts table.
struct AlertWrite {
    enum class Kind : std::uint8_t { raise, escalate, resolve };
    Kind kind = Kind::raise;
    std::string_view order_id;
    alerts::Condition condition = alerts::Condition::missing_tracking;
    alerts::Level level = alerts::Level::warning;
    std::string_view detail;
};

// The last finished sweep: when, and under which settings (lead times, rules) its answers
// hold.
struct SweepState {
    core::TimePoint swept_at;
    std::string settings;
};

// How Store::load_queued reads.
struct QueueRead {
    bool is_bulk = false;       // check, timer and alerts stay empty: see the bulk readers
    bool with_awaiting = false; // every awaiting order counts as queued (a fresh sweep)
};

// Ship-by times in (after, up_to], unix seconds.
struct ShipByRange {
    std::int64_t after = 0;
    std::int64_t up_to = 0;
};

// Where a paged read of a range stopped: the last (ship_by, row) returned.
struct ShipByCursor {
    std::int64_t ship_by = 0;
    std::int64_t row_id = 0;
};

// The key duplicates are indexed by in SQL, the plain key: the number with spaces and dashes
// dropped and ASCII letters upper-cased (upper(replace(replace(n, ' ', ''), '-', ''))). The
// engine's normalized number is the same for nearly every number; tracking_checks keeps the
// others. Whether `number`'s plain key is `key`, without building it.
bool is_plain_key(std::string_view number, std::string_view key);

} // namespace vtrguard::store
