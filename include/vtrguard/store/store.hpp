#pragma once

#include <vtrguard/alerts/condition.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/store/carrier_lookup.hpp>
#include <vtrguard/store/order.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vtrguard::store {

// `next_due_at` of an order no threshold will ever wake: 9999-12-31T23:59:59Z.
inline constexpr std::int64_t k_never_due = 253402300799;

// The schema this build reads and writes; older databases are migrated at open.
inline constexpr int k_schema_version = 3;

enum class UpsertOutcome : std::uint8_t { inserted, updated, unchanged };

// An alert that was raised and not yet resolved.
struct OpenAlert {
    alerts::Condition condition = alerts::Condition::missing_tracking;
    alerts::Level level = alerts::Level::warning;
};

// An order the sweep has to look at, with what the store remembers about it.
struct DueOrder {
    std::int64_t row_id = 0;
    Order order;
    std::string tracking_key;     // normalized number of the last sweep; empty when none
    std::string tracking_verdict; // the engine's reason name of the last sweep; empty when none
    std::vector<OpenAlert> open_alerts;
    std::optional<CarrierLookup> lookup; // the last carrier lookup for this order, if any
};

// Another order holding a given normalized tracking number.
struct KeyHolder {
    std::int64_t row_id = 0;
    std::string order_id;
    OrderStatus status = OrderStatus::awaiting;
};

// What one sweep decided about one order.
struct SweepWrite {
    std::int64_t row_id = 0;
    std::int64_t next_due_at = k_never_due; // unix seconds
    std::string_view tracking_key;          // normalized number; empty when none
    std::string_view verdict;               // the engine's reason name; empty when no number
    bool is_tracking_changed = true;        // false: key and verdict are the stored ones
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

// An open alert joined with its order, for `vtrguard check`.
struct AlertRecord {
    Order order;
    OpenAlert alert;
    std::string detail;
    core::TimePoint raised_at;
};

// The orders database (docs/store.md): one SQLite file in WAL mode. Every method reports
// SQLite failures as ErrorCode::store and never throws. Not thread-safe: one Store per thread.
class Store {
public:
    // Opens or creates the database at `path` (its folder must exist), sets WAL and the busy
    // timeout, and runs pending migrations. A database newer than this build is an error.
    static Result<Store> open(const std::filesystem::path& path);

    Store(Store&& other) noexcept;
    Store& operator=(Store&& other) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

    // The schema version the database is at.
    Result<int> schema_version();

    // Write transactions. begin() takes the write lock at once (BEGIN IMMEDIATE), so a busy
    // database fails here and not halfway through. Nesting is an error.
    Result<bool> begin();
    Result<bool> commit();
    void rollback(); // no-op outside a transaction

    bool is_in_transaction() const;

    // The order `order_id`, or nullopt.
    Result<std::optional<Order>> find_order(std::string_view order_id);

    // Applies `patch` to the stored order (creating it as `awaiting` when new). A change
    // stamps updated_at with `now` and makes the order due for the next sweep; applying the
    // same patch twice changes nothing the second time.
    Result<UpsertOutcome> upsert(const OrderPatch& patch, core::TimePoint now);

    // Up to `limit` orders whose next_due_at is NULL or at or before `now`.
    Result<std::vector<DueOrder>> load_due(core::TimePoint now, std::size_t limit);

    // The orders, any status, whose normalized tracking number is `key`, except the order in
    // row `except_row_id` (0: none).
    Result<std::vector<KeyHolder>> holders_of_key(std::string_view key,
                                                  std::int64_t except_row_id = 0);

    // Makes these orders due at the next sweep.
    Result<bool> mark_due(std::span<const std::int64_t> row_ids);

    // Makes every awaiting order due (the lead times changed, so every threshold moves).
    Result<bool> mark_open_due();

    // Records the normalized number, next due time and verdict of swept orders
    // (checked_at = now). A write whose is_tracking_changed is false leaves the number and
    // verdict columns alone.
    Result<bool> write_sweep(std::span<const SweepWrite> writes, core::TimePoint now);

    // Raises, escalates or resolves alerts at `now`.
    Result<bool> write_alerts(std::span<const AlertWrite> writes, core::TimePoint now);

    // Every open alert with its order, ordered by ship-by then order id.
    Result<std::vector<AlertRecord>> open_alerts();

    // The earliest next_due_at of any order, or nullopt when nothing will ever be due.
    Result<std::optional<core::TimePoint>> earliest_due();

    // Carrier lookups (daemon/store/lookup_rows.cpp).

    // Up to `limit` open or shipped orders with a format-valid number (as the last sweep saw
    // it) that was never looked up, changed since, or whose next lookup is at or before `now`.
    Result<std::vector<LookupDue>> due_lookups(core::TimePoint now, std::size_t limit);

    // The earliest next lookup of any order, or nullopt when none is planned.
    Result<std::optional<core::TimePoint>> earliest_lookup();

    // Records finished lookups: their state, their events, the first scan on the order (when
    // it has none yet), and makes each order due for the next sweep.
    Result<bool> record_lookups(std::span<const LookupWrite> writes);

    // The lookup state of `order_id`, or nullopt.
    Result<std::optional<CarrierLookup>> find_lookup(std::string_view order_id);

    // The stored events of `number`, oldest first.
    Result<std::vector<carriers::TrackEvent>> lookup_events(std::string_view number);

    // Plans a lookup now for every number that got format checks only (credentials may have
    // been added).
    Result<bool> retry_format_only(core::TimePoint now);

private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
};

// begin() now, rollback() on destruction unless commit() was called.
class Transaction {
public:
    static Result<Transaction> begin(Store& store);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Result<bool> commit();

private:
    explicit Transaction(Store& store)
        : m_store(&store) {}

    Store* m_store;
};

} // namespace vtrguard::store
