#include "lookup_columns.hpp"
#include "order_columns.hpp"
#include "sweep_columns.hpp"

#include <vtrguard/core/text.hpp>

#include <fmt/format.h>

#include <array>
#include <limits>
#include <ranges>

namespace vtrguard::store {

namespace {

// The order columns the sweep looks at, in the order read_sweep_order() reads them.
constexpr std::string_view k_sweep_order_columns =
    "orders.order_id, orders.ship_by, orders.status, orders.carrier, orders.tracking_number, "
    "orders.ship_confirmed_at, orders.first_scan_at";
constexpr int k_sweep_order_column_count = 7;

// Due orders from `from` and `where`, ordered by `order`, `?2` orders at most: the row, the
// order columns, the stored check, timer and open alerts, then the lookup. Each order's
// alerts come out as consecutive rows; the subquery makes LIMIT count orders, not alerts.
std::string due_orders_sql(std::string_view from, std::string_view where, std::string_view order) {
    return fmt::format("SELECT o.*, c.order_row IS NOT NULL, c.tracking_key, c.verdict, t.due_at, "
                       "a.condition, a.level, {} "
                       "FROM (SELECT orders.rowid AS row_id, {} FROM {} WHERE {} "
                       "      ORDER BY {} LIMIT ?2) AS o "
                       "LEFT JOIN tracking_checks AS c ON c.order_row = o.row_id "
                       "LEFT JOIN sweep_timers AS t ON t.order_row = o.row_id "
                       "LEFT JOIN alerts AS a ON a.order_id = o.order_id AND a.resolved_at IS NULL "
                       "LEFT JOIN carrier_lookups AS l ON l.order_id = o.order_id",
                       k_lookup_columns,
                       k_sweep_order_columns,
                       from,
                       where,
                       order);
}

// The bulk form: the row, the order columns and the lookup, one flat join (a subquery would
// copy every column once more). Checks, timers and alerts come from the bulk readers.
std::string bulk_orders_sql(std::string_view from, std::string_view where, std::string_view order) {
    return fmt::format("SELECT orders.rowid, {}, {} FROM {} "
                       "LEFT JOIN carrier_lookups AS l ON l.order_id = orders.order_id "
                       "WHERE {} ORDER BY {} LIMIT ?2",
                       k_sweep_order_columns,
                       k_lookup_columns,
                       from,
                       where,
                       order);
}

// Reads the sweep's columns into `due.order`, in place: its strings keep their buffers from the
// order read before, so a million-order sweep does not allocate one per field. The other
// fields are never written here and stay empty. Times outside the supported years are read as
// absent and listed in `due.out_of_range`: a ship-by in 2400 or at INT64_MAX, written straight
// into the table, would overflow every deadline computed from it.
void read_sweep_order(const RawRow& row, int first, DueOrder& due) {
    auto& order = due.order;
    due.out_of_range.clear();
    const auto time_at = [&](int index, std::string_view column) {
        if (row.is_out_of_range_time(index)) {
            due.out_of_range.push_back({column, row.int64(index)});
        }
        return row.supported_time(index);
    };
    order.order_id.assign(row.text_view(first));
    order.ship_by = time_at(first + 1, "ship_by");
    order.status = parse_status(row.text_view(first + 2)).value_or(OrderStatus::awaiting);
    order.carrier.assign(row.text_view(first + 3));
    order.tracking_number.assign(row.text_view(first + 4));
    order.ship_confirmed_at = time_at(first + 5, "ship_confirmed_at");
    order.first_scan_at = time_at(first + 6, "first_scan_at");
}

// Fills `due` from `query`, reusing its elements (see read_sweep_order).
void read_due_orders(sqlite3_stmt* query, bool is_bulk, std::vector<DueOrder>& due) {
    constexpr int k_first_order_column = 1;
    constexpr int k_check_column = k_first_order_column + k_sweep_order_column_count;
    std::size_t used = 0;
    while (step(query)) {
        const RawRow row(query);
        const std::int64_t row_id = row.int64(0);
        if (used == 0 || due[used - 1].row_id != row_id) {
            if (used == due.size()) {
                due.emplace_back();
            }
            auto& order = due[used++];
            order.row_id = row_id;
            read_sweep_order(row, k_first_order_column, order);
            order.check.reset();
            order.timer.reset();
            order.open_alerts.clear();
            if (!is_bulk && row.int64(k_check_column) != 0) {
                order.check =
                    StoredCheck{row.text(k_check_column + 1), row.text(k_check_column + 2)};
            }
            if (!is_bulk && !row.is_null(k_check_column + 3)) {
                order.timer = row.int64(k_check_column + 3);
            }
            // The lookup columns come last, whatever comes before them.
            order.lookup = read_lookup(row, row.column_count() - k_lookup_column_count);
        }
        if (!is_bulk) {
            if (auto alert = read_open_alert(row, k_check_column + 4)) {
                due[used - 1].open_alerts.push_back(*alert);
            }
        }
    }
    due.resize(used);
}

} // namespace

std::optional<OpenAlert> read_open_alert(const RawRow& row, int first) {
    if (row.is_null(first)) {
        return std::nullopt;
    }
    const auto condition = alerts::parse_condition(row.text(first));
    const auto level = alerts::parse_level(row.text(first + 1));
    if (!condition || !level) {
        return std::nullopt;
    }
    return OpenAlert{*condition, *level};
}

bool is_plain_key(std::string_view number, std::string_view key) {
    std::size_t at = 0;
    for (const char c : number) {
        if (c == ' ' || c == '-') {
            continue;
        }
        const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        if (at == key.size() || key[at] != upper) {
            return false;
        }
        ++at;
    }
    return at == key.size();
}

Result<bool> Store::load_queued(std::int64_t after_row,
                                std::size_t limit,
                                QueueRead read,
                                std::vector<DueOrder>& into) {
    return guarded("load queued orders", [&] {
        constexpr std::string_view k_queued_from =
            "sweep_queue AS q JOIN orders ON orders.rowid = q.order_row";
        // Ordered by the table walked first, or SQLite walks the other one.
        constexpr std::string_view k_queued_where = "q.order_row > ?1";
        constexpr std::string_view k_queued_order = "q.order_row";
        // A fresh sweep walks the table instead of queueing a million awaiting orders first.
        constexpr std::string_view k_awaiting_where =
            "orders.rowid > ?1 AND (orders.status = 'awaiting' "
            "OR orders.rowid IN (SELECT order_row FROM sweep_queue))";
        static const std::array<std::string, 4> k_sql{
            due_orders_sql(k_queued_from, k_queued_where, k_queued_order),
            bulk_orders_sql(k_queued_from, k_queued_where, k_queued_order),
            due_orders_sql("orders", k_awaiting_where, "orders.rowid"),
            bulk_orders_sql("orders", k_awaiting_where, "orders.rowid")};
        const auto variant = (read.with_awaiting ? 2U : 0U) + (read.is_bulk ? 1U : 0U);
        const auto query = m_impl->prepare_raw(k_sql.at(variant));
        bind_raw(query, 1, after_row);
        bind_raw(query, 2, static_cast<std::int64_t>(limit));
        read_due_orders(query, read.is_bulk, into);
        return true;
    });
}

Result<bool> Store::load_crossing(ShipByRange range,
                                  ShipByCursor after,
                                  std::size_t limit,
                                  std::vector<DueOrder>& into) {
    return guarded("load orders crossing a lead time", [&] {
        // The row-value comparison walks index orders_open_ship_by from the cursor.
        static const std::string k_sql =
            due_orders_sql("orders",
                           "orders.status = 'awaiting' "
                           "AND (orders.ship_by, orders.rowid) > (?1, ?3) AND orders.ship_by <= ?4 "
                           "AND orders.rowid NOT IN (SELECT order_row FROM sweep_queue)",
                           "orders.ship_by, orders.rowid");
        const auto query = m_impl->prepare_raw(k_sql);
        bind_raw(query, 1, after.ship_by);
        bind_raw(query, 2, static_cast<std::int64_t>(limit));
        bind_raw(query, 3, after.row_id);
        bind_raw(query, 4, range.up_to);
        read_due_orders(query, false, into);
        return true;
    });
}

Result<bool> Store::load_timers(core::TimePoint now,
                                std::int64_t after_row,
                                std::size_t limit,
                                std::vector<DueOrder>& into) {
    return guarded("load orders whose timer is due", [&] {
        static const std::string k_sql =
            due_orders_sql("sweep_timers AS due JOIN orders ON orders.rowid = due.order_row",
                           "due.due_at <= ?3 AND due.order_row > ?1 "
                           "AND due.order_row NOT IN (SELECT order_row FROM sweep_queue)",
                           "due.order_row");
        const auto query = m_impl->prepare_raw(k_sql);
        bind_raw(query, 1, after_row);
        bind_raw(query, 2, static_cast<std::int64_t>(limit));
        bind_raw(query, 3, to_unix(now));
        read_due_orders(query, false, into);
        return true;
    });
}

Result<std::optional<DueOrder>> Store::load_row(std::int64_t row_id) {
    return guarded("load order", [&]() -> std::optional<DueOrder> {
        static const std::string k_sql =
            due_orders_sql("orders", "orders.rowid = ?1", "orders.rowid");
        const auto query = m_impl->prepare_raw(k_sql);
        bind_raw(query, 1, row_id);
        bind_raw(query, 2, 1);
        std::vector<DueOrder> due;
        read_due_orders(query, false, due);
        if (due.empty()) {
            return std::nullopt;
        }
        return std::move(due.front());
    });
}

Result<std::vector<RowAlert>> Store::open_alerts_by_row() {
    return guarded("list open alerts", [&] {
        const auto query =
            m_impl->prepare_raw("SELECT o.rowid, a.condition, a.level FROM alerts AS a "
                                "JOIN orders AS o ON o.order_id = a.order_id "
                                "WHERE a.resolved_at IS NULL ORDER BY o.rowid");
        std::vector<RowAlert> alerts;
        while (step(query)) {
            const RawRow row(query);
            if (auto alert = read_open_alert(row, 1)) {
                alerts.push_back({row.int64(0), *alert});
            }
        }
        return alerts;
    });
}

Result<std::vector<RowCheck>> Store::checks_by_row() {
    return guarded("list tracking checks", [&] {
        const auto query = m_impl->prepare_raw(
            "SELECT order_row, tracking_key, verdict FROM tracking_checks ORDER BY order_row");
        std::vector<RowCheck> checks;
        while (step(query)) {
            const RawRow row(query);
            checks.push_back({row.int64(0), {row.text(1), row.text(2)}});
        }
        return checks;
    });
}

Result<std::vector<RowTimer>> Store::timers_by_row() {
    return guarded("list sweep timers", [&] {
        const auto query =
            m_impl->prepare_raw("SELECT order_row, due_at FROM sweep_timers ORDER BY order_row");
        std::vector<RowTimer> timers;
        while (step(query)) {
            const RawRow row(query);
            timers.push_back({row.int64(0), row.int64(1)});
        }
        return timers;
    });
}

Result<std::vector<std::string>> Store::shared_plain_keys() {
    return guarded("find shared tracking numbers", [&] {
        // Walks index orders_plain_number in key order: equal keys are neighbours.
        static const std::string k_sql = fmt::format(
            "SELECT {0} FROM orders WHERE {0} IS NOT NULL ORDER BY {0}", k_plain_key_sql);
        const auto query = m_impl->prepare_raw(k_sql);
        std::vector<std::string> shared;
        std::string previous;
        bool is_previous_shared = false;
        while (step(query)) {
            const auto key = RawRow(query).text_view(0);
            if (key == previous) {
                if (!is_previous_shared) {
                    shared.push_back(previous);
                    is_previous_shared = true;
                }
                continue;
            }
            previous.assign(key);
            is_previous_shared = false;
        }
        return shared;
    });
}

Result<std::vector<std::string>> Store::odd_keys() {
    return guarded("find normalized tracking numbers", [&] {
        static const std::string k_sql =
            fmt::format("SELECT c.tracking_key FROM tracking_checks AS c "
                        "JOIN orders ON orders.rowid = c.order_row "
                        "WHERE c.tracking_key IS NOT NULL AND c.tracking_key IS NOT {}",
                        k_plain_key_sql);
        const auto query = m_impl->prepare_raw(k_sql);
        std::vector<std::string> keys;
        while (step(query)) {
            keys.push_back(RawRow(query).text(0));
        }
        return keys;
    });
}

Result<std::vector<KeyHolder>> Store::holders_of_keys(std::span<const std::string_view> keys) {
    return guarded("find tracking numbers", [&] {
        // By the plain-key index, and by the stored keys of numbers that normalize otherwise;
        // the keys travel as one JSON array, so SQLite probes them all in one statement.
        static const std::string k_sql =
            fmt::format("SELECT rowid, order_id, status, tracking_number, "
                        "rowid IN (SELECT order_row FROM sweep_queue) FROM orders WHERE rowid IN ("
                        "SELECT rowid FROM orders WHERE {} IN (SELECT value FROM json_each(?1)) "
                        "UNION SELECT order_row FROM tracking_checks "
                        "WHERE tracking_key IN (SELECT value FROM json_each(?1)))",
                        k_plain_key_sql);
        std::vector<KeyHolder> holders;
        if (keys.empty()) {
            return holders;
        }
        std::string list = "[";
        for (const auto key : keys) {
            if (list.size() > 1) {
                list += ',';
            }
            core::append_json_string(list, key);
        }
        list += ']';
        const auto query = m_impl->prepare_raw(k_sql);
        bind_raw_text(query, 1, list);
        while (step(query)) {
            const RawRow row(query);
            holders.push_back({row.int64(0),
                               row.text(1),
                               parse_status(row.text(2)).value_or(OrderStatus::awaiting),
                               row.text(3),
                               row.int64(4) != 0});
        }
        return holders;
    });
}

} // namespace vtrguard::store
