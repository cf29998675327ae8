#include "batch.hpp"
#include "lookup_columns.hpp"
#include "sweep_columns.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <vector>

namespace vtrguard::store {

namespace {

// Queued orders looked at per call beyond those returned: a queue filled by a migration or a
// big import drains in steps of this many, the rest of the poll's work staying small.
constexpr std::int64_t k_queue_scan_extra = 8192;

// The number a lookup asks about: the sweep's key, the plain key unless tracking_checks says
// otherwise.
const std::string k_lookup_key = fmt::format("COALESCE(c.tracking_key, {})", k_plain_key_sql);

// Queued orders the last sweep judged: the row, whether a lookup is due now, then the columns
// read_due_lookup() reads. Not due: cancelled, no number, not format-valid, or looked up
// already and not yet due again (carrier_lookups_next finds those when they are).
const std::string k_queued_sql =
    fmt::format("SELECT q.order_row, "
                "       orders.status <> 'cancelled' AND COALESCE(c.verdict, 'ok') = 'ok' "
                "       AND {0} IS NOT NULL "
                "       AND NOT (l.number IS {0} AND (l.next_at IS NULL OR l.next_at > ?1)), "
                "       orders.order_id, orders.carrier, {0}, {1} "
                "FROM lookup_queue AS q JOIN orders ON orders.rowid = q.order_row "
                "LEFT JOIN tracking_checks AS c ON c.order_row = q.order_row "
                "LEFT JOIN carrier_lookups AS l ON l.order_id = orders.order_id "
                "WHERE q.order_row NOT IN (SELECT order_row FROM sweep_queue) "
                "ORDER BY q.order_row LIMIT ?2",
                k_lookup_key,
                k_lookup_columns);

// Lookups due again, by index carrier_lookups_next, for numbers the order still holds.
const std::string k_retry_sql =
    fmt::format("SELECT orders.order_id, orders.carrier, l.number, {1} FROM carrier_lookups AS l "
                "JOIN orders ON orders.order_id = l.order_id "
                "LEFT JOIN tracking_checks AS c ON c.order_row = orders.rowid "
                "WHERE l.next_at <= ?1 AND orders.status <> 'cancelled' "
                "AND COALESCE(c.verdict, 'ok') = 'ok' AND l.number = {0} "
                "AND orders.rowid NOT IN (SELECT order_row FROM sweep_queue) "
                "AND orders.rowid NOT IN (SELECT order_row FROM lookup_queue) "
                "ORDER BY l.next_at LIMIT ?2",
                k_lookup_key,
                k_lookup_columns);

constexpr BatchSql k_dequeue{"DELETE FROM lookup_queue WHERE order_row IN (", "?", ")", 1};

// Order id, carrier and number from `first`, then the lookup (kept only when it is about the
// same number).
LookupDue read_due_lookup(const RawRow& row, int first) {
    LookupDue item{row.text(first), row.text(first + 1), row.text(first + 2), std::nullopt};
    auto previous = read_lookup(row, first + 3);
    if (previous && previous->number == item.number) {
        item.previous = std::move(previous);
    }
    return item;
}

} // namespace

Result<std::vector<LookupDue>> Store::due_lookups(core::TimePoint now, std::size_t limit) {
    return guarded("load due lookups", [&] {
        std::vector<LookupDue> due;
        std::vector<std::int64_t> settled;
        const auto queued = m_impl->prepare_raw(k_queued_sql);
        bind_raw(queued, 1, to_unix(now));
        bind_raw(queued, 2, static_cast<std::int64_t>(limit) + k_queue_scan_extra);
        while (due.size() < limit && step(queued)) {
            const RawRow row(queued);
            if (row.int64(1) != 0) {
                due.push_back(read_due_lookup(row, 2));
            } else {
                settled.push_back(row.int64(0));
            }
        }
        sqlite3_reset(queued); // done reading before the queue is written
        exec_batched(*m_impl, k_dequeue, settled.size(), [&](sqlite3_stmt* remove, int at, auto i) {
            bind_raw(remove, at, settled[i]);
        });
        if (due.size() < limit) {
            const auto retries = m_impl->prepare_raw(k_retry_sql);
            bind_raw(retries, 1, to_unix(now));
            bind_raw(retries, 2, static_cast<std::int64_t>(limit - due.size()));
            while (step(retries)) {
                due.push_back(read_due_lookup(RawRow(retries), 0));
            }
        }
        return due;
    });
}

} // namespace vtrguard::store
