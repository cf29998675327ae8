#pragma once

#include <vtrguard/alerts/condition.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/store/carrier_lookup.hpp>
#include <vtrguard/store/order.hpp>
#include <vtrguard/store/package.hpp>
#include <vtrguard/store/sweep_rows.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vtrguard::store {

// The schema this build reads and writes; older databases are migrated at open.
inline constexpr int k_schema_version = 6;

enum class UpsertOutcome : std::uint8_t { inserted, updated, unchanged };

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

    // An error when this connection cannot write: the file or its folder is read-only to this
    // user, or the database is not one SQLite can write. Another writer holding the lock is
    // not an error (it lets go). The daemon asks at start, so it fails there and not at every
    // sweep.
    Result<bool> check_writable();

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

    // The sweep's side of the store (daemon/store/sweep_rows.cpp, docs/store.md). Orders are
    // queued for the sweep by triggers whenever they are written; the sweep finds lead-time
    // crossings by ranges of ship_by and keeps per-order state only where it is not implied.

    // What the last finished sweep left; nullopt before the first one.
    Result<std::optional<SweepState>> sweep_state();

    // Orders written since the last sweep.
    Result<std::int64_t> queued_count();

    // The paged readers of the sweep replace the contents of `into`, reusing its elements and
    // their strings: a sweep that passes the same vector each time allocates almost nothing.

    // Up to `limit` queued orders after row `after_row`, in row order.
    Result<bool> load_queued(std::int64_t after_row,
                             std::size_t limit,
                             QueueRead read,
                             std::vector<DueOrder>& into);

    // Up to `limit` awaiting orders not queued whose ship_by lies in `range` after `after`,
    // in (ship_by, row) order.
    Result<bool> load_crossing(ShipByRange range,
                               ShipByCursor after,
                               std::size_t limit,
                               std::vector<DueOrder>& into);

    // Up to `limit` orders not queued whose timer is at or before `now`, after row `after_row`.
    Result<bool> load_timers(core::TimePoint now,
                             std::int64_t after_row,
                             std::size_t limit,
                             std::vector<DueOrder>& into);

    // The order in row `row_id`, if it still exists.
    Result<std::optional<DueOrder>> load_row(std::int64_t row_id);

    // The bulk readers: every open alert, stored check and timer, by row. A sweep of most
    // orders reads them once instead of joining them row by row.
    Result<std::vector<RowAlert>> open_alerts_by_row();
    Result<std::vector<RowCheck>> checks_by_row();
    Result<std::vector<RowTimer>> timers_by_row();

    // Plain keys (is_plain_key) held by more than one order, and the keys of checked
    // orders whose normalized number differs from its plain key: a number outside both sets
    // has no other holder.
    Result<std::vector<std::string>> shared_plain_keys();
    Result<std::vector<std::string>> odd_keys();

    // The orders, any status, whose number may normalize to one of `keys` (callers confirm
    // with the engine): one query for a whole chunk of the sweep.
    Result<std::vector<KeyHolder>> holders_of_keys(std::span<const std::string_view> keys);

    // Queues these orders for the next sweep.
    Result<bool> mark_due(std::span<const std::int64_t> row_ids);

    // Records the checks and timers of swept orders at `now`.
    Result<bool> write_sweep(std::span<const SweepWrite> writes, core::TimePoint now);

    // Raises, escalates or resolves alerts at `now`.
    Result<bool> write_alerts(std::span<const AlertWrite> writes, core::TimePoint now);

    // Empties the queue and records the sweep's time and settings.
    Result<bool> finish_sweep(const SweepState& state);

    // Every open alert with its order, ordered by ship-by then order id.
    Result<std::vector<AlertRecord>> open_alerts();

    // The earliest time an order needs the sweep: now when some are queued, else the next
    // lead-time crossing for `leads` (seconds before ship-by) or timer; nullopt for never.
    Result<std::optional<core::TimePoint>> earliest_due(core::TimePoint now,
                                                        std::span<const std::int64_t> leads);

    // Carrier lookups (daemon/store/lookup_rows.cpp).

    // Up to `limit` open or shipped orders with a format-valid number (as the last sweep saw
    // it) that was never looked up, changed since, or whose next lookup is at or before `now`.
    // Reads table lookup_queue (filled by triggers on orders) and the next_at index, never the
    // whole orders table; queued orders found not due leave the queue.
    Result<std::vector<LookupDue>> due_lookups(core::TimePoint now, std::size_t limit);

    // The earliest next lookup of any order, or nullopt when none is planned.
    Result<std::optional<core::TimePoint>> earliest_lookup();

    // Records finished lookups: their state, their events, the first scan on the order (when
    // it has none yet), takes each order out of the lookup queue, and makes it due for the
    // next sweep (LookupWrite::wakes_sweep).
    Result<bool> record_lookups(std::span<const LookupWrite> writes);

    // The lookup state of `order_id`, or nullopt.
    Result<std::optional<CarrierLookup>> find_lookup(std::string_view order_id);

    // The stored events of `number`, oldest first.
    Result<std::vector<carriers::TrackEvent>> lookup_events(std::string_view number);

    // Plans a lookup now for every number that got format checks only (credentials may have
    // been added).
    Result<bool> retry_format_only(core::TimePoint now);

    // Marketplace order sources (daemon/store/package_rows.cpp, source_rows.cpp).

    // Writes an order as a marketplace holds it: `patch` (its first package's carrier and
    // number included) and its packages under `source`, replacing that source's earlier
    // packages. Where the order held another number of the seller's own, that copy is kept as
    // the `seller` package. Idempotent: the same order twice changes nothing the second time.
    Result<UpsertOutcome> write_marketplace_order(const OrderPatch& patch,
                                                  std::string_view source,
                                                  std::span<const MarketplacePackage> packages,
                                                  core::TimePoint now);

    // The packages `source` holds for `order_id`, in the marketplace's order.
    Result<std::vector<MarketplacePackage>> packages_of(std::string_view order_id,
                                                        std::string_view source);

    // Every package whose seller copy is kept beside a marketplace's.
    Result<std::vector<PackageCopies>> package_copies();

    // Open mismatch records (table tracking_mismatches).
    Result<std::vector<PackageCopies>> open_mismatches();
    Result<bool> raise_mismatch(const PackageCopies& copies, core::TimePoint now);
    Result<bool>
    resolve_mismatch(std::string_view order_id, std::string_view package_ref, core::TimePoint now);

    // The state of `source` for `marketplace`, or nullopt before its first poll.
    Result<std::optional<SourceStatus>> source_status(std::string_view source,
                                                      std::string_view marketplace);

    // Every source's state, by source and marketplace.
    Result<std::vector<SourceStatus>> source_statuses();

    // Records a poll: its time, the orders it received (added to orders_seen), its error
    // (empty: none) and, when given, the new watermark.
    Result<bool> record_poll(std::string_view source,
                             std::string_view marketplace,
                             core::TimePoint at,
                             std::int64_t orders_received,
                             std::string_view error,
                             std::optional<core::TimePoint> watermark);

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
