#include "lookup_columns.hpp"
#include "order_columns.hpp"

#include <fmt/format.h>

namespace vtrguard::store {

namespace {

void bind_optional_text(SQLite::Statement& statement, int index, std::string_view text) {
    if (text.empty()) {
        statement.bind(index);
    } else {
        bind_text_view(statement, index, text);
    }
}

void bind_view(SQLite::Statement& statement, int index, std::string_view text) {
    bind_text_view(statement, index, text);
}

std::optional<OpenAlert> read_open_alert(SQLite::Statement& row, int first) {
    if (row.getColumn(first).isNull()) {
        return std::nullopt;
    }
    const auto condition = alerts::parse_condition(row.getColumn(first).getString());
    const auto level = alerts::parse_level(row.getColumn(first + 1).getString());
    if (!condition || !level) {
        return std::nullopt;
    }
    return OpenAlert{*condition, *level};
}

} // namespace

Result<std::vector<DueOrder>> Store::load_due(core::TimePoint now, std::size_t limit) {
    return guarded("load due orders", [&] {
        // The subquery limits orders, not joined rows; an order's open alerts come out next to
        // each other because the join runs once per order.
        static const std::string k_sql = fmt::format(
            "SELECT o.*, a.condition, a.level, {} "
            "FROM (SELECT rowid AS row_id, tracking_key, tracking_verdict, {} FROM orders "
            "      WHERE next_due_at IS NULL OR next_due_at <= ?1 LIMIT ?2) AS o "
            "LEFT JOIN alerts AS a ON a.order_id = o.order_id AND a.resolved_at IS NULL "
            "LEFT JOIN carrier_lookups AS l ON l.order_id = o.order_id",
            k_lookup_columns,
            k_order_columns);
        constexpr int k_first_order_column = 3;
        auto& query = m_impl->prepare(k_sql);
        query.bind(1, to_unix(now));
        query.bind(2, static_cast<std::int64_t>(limit));
        std::vector<DueOrder> due;
        due.reserve(limit);
        while (query.executeStep()) {
            const std::int64_t row_id = query.getColumn(0).getInt64();
            if (due.empty() || due.back().row_id != row_id) {
                DueOrder order;
                order.row_id = row_id;
                // The stored key and verdict let the sweep skip writing them when unchanged.
                const auto key = query.getColumn(1);
                order.tracking_key = key.isNull() ? std::string() : key.getString();
                const auto verdict = query.getColumn(2);
                order.tracking_verdict = verdict.isNull() ? std::string() : verdict.getString();
                order.order = read_order(query, k_first_order_column);
                // The lookup columns come last, whatever comes before them.
                order.lookup = read_lookup(query, query.getColumnCount() - k_lookup_column_count);
                due.push_back(std::move(order));
            }
            if (auto alert = read_open_alert(query, k_first_order_column + k_order_column_count)) {
                due.back().open_alerts.push_back(*alert);
            }
        }
        return due;
    });
}

Result<std::vector<KeyHolder>> Store::holders_of_key(std::string_view key,
                                                     std::int64_t except_row_id) {
    return guarded("find tracking number", [&] {
        // The rowid test is answered from the index, so an order alone with its number (nearly
        // all of them) costs one index probe and no table read.
        auto& query = m_impl->prepare(
            "SELECT rowid, order_id, status FROM orders WHERE tracking_key = ?1 AND rowid <> ?2");
        bind_view(query, 1, key);
        query.bind(2, except_row_id);
        std::vector<KeyHolder> holders;
        while (query.executeStep()) {
            holders.push_back(
                {query.getColumn(0).getInt64(),
                 query.getColumn(1).getString(),
                 parse_status(query.getColumn(2).getString()).value_or(OrderStatus::awaiting)});
        }
        return holders;
    });
}

Result<bool> Store::mark_due(std::span<const std::int64_t> row_ids) {
    return guarded("mark orders due", [&] {
        for (const auto row_id : row_ids) {
            auto& update = m_impl->prepare("UPDATE orders SET next_due_at = 0 WHERE rowid = ?");
            update.bind(1, row_id);
            update.exec();
        }
        return true;
    });
}

Result<bool> Store::mark_open_due() {
    return guarded("mark open orders due", [&] {
        m_impl->database.exec("UPDATE orders SET next_due_at = 0 WHERE status = 'awaiting'");
        return true;
    });
}

Result<bool> Store::write_sweep(std::span<const SweepWrite> writes, core::TimePoint now) {
    return guarded("record sweep", [&] {
        for (const auto& write : writes) {
            if (!write.is_tracking_changed) {
                // Leaving tracking_key alone spares its index a delete and an insert; most
                // re-sweeps only cross a lead-time threshold.
                auto& update = m_impl->prepare(
                    "UPDATE orders SET next_due_at = ?, checked_at = ? WHERE rowid = ?");
                update.bind(1, write.next_due_at);
                update.bind(2, to_unix(now));
                update.bind(3, write.row_id);
                update.exec();
                continue;
            }
            auto& update = m_impl->prepare(
                "UPDATE orders SET next_due_at = ?, tracking_key = ?, tracking_verdict = ?, "
                "checked_at = ? WHERE rowid = ?");
            update.bind(1, write.next_due_at);
            bind_optional_text(update, 2, write.tracking_key);
            bind_optional_text(update, 3, write.verdict);
            update.bind(4, to_unix(now));
            update.bind(5, write.row_id);
            update.exec();
        }
        return true;
    });
}

Result<bool> Store::write_alerts(std::span<const AlertWrite> writes, core::TimePoint now) {
    return guarded("record alerts", [&] {
        for (const auto& write : writes) {
            const auto condition = alerts::condition_name(write.condition);
            const auto level = alerts::level_name(write.level);
            SQLite::Statement* statement = nullptr;
            switch (write.kind) {
            case AlertWrite::Kind::raise:
                statement = &m_impl->prepare(
                    "INSERT INTO alerts (order_id, condition, level, detail, raised_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)");
                bind_view(*statement, 3, level);
                bind_view(*statement, 4, write.detail);
                break;
            case AlertWrite::Kind::escalate:
                statement = &m_impl->prepare(
                    "UPDATE alerts SET level = ?3, detail = ?4, escalated_at = ?5 "
                    "WHERE order_id = ?1 AND condition = ?2 AND resolved_at IS NULL");
                bind_view(*statement, 3, level);
                bind_view(*statement, 4, write.detail);
                break;
            case AlertWrite::Kind::resolve:
                statement = &m_impl->prepare(
                    "UPDATE alerts SET resolved_at = ?5 "
                    "WHERE order_id = ?1 AND condition = ?2 AND resolved_at IS NULL");
                break;
            }
            bind_view(*statement, 1, write.order_id);
            bind_view(*statement, 2, condition);
            statement->bind(5, to_unix(now));
            statement->exec();
        }
        return true;
    });
}

Result<std::vector<AlertRecord>> Store::open_alerts() {
    return guarded("list open alerts", [&] {
        static const std::string k_sql =
            fmt::format("SELECT a.condition, a.level, a.detail, a.raised_at, o.{} FROM alerts AS a "
                        "JOIN orders AS o ON o.order_id = a.order_id WHERE a.resolved_at IS NULL "
                        "ORDER BY o.ship_by, o.order_id, a.condition",
                        k_order_columns);
        auto& query = m_impl->prepare(k_sql);
        std::vector<AlertRecord> records;
        while (query.executeStep()) {
            auto alert = read_open_alert(query, 0);
            if (!alert) {
                continue;
            }
            const auto detail = query.getColumn(2);
            records.push_back({read_order(query, 4),
                               *alert,
                               detail.isNull() ? std::string() : detail.getString(),
                               from_unix(query.getColumn(3).getInt64())});
        }
        return records;
    });
}

Result<std::optional<core::TimePoint>> Store::earliest_due() {
    return guarded("earliest due order", [&]() -> std::optional<core::TimePoint> {
        // NULL sorts first: a row another program wrote without next_due_at is due now.
        auto& query =
            m_impl->prepare("SELECT next_due_at FROM orders ORDER BY next_due_at LIMIT 1");
        if (!query.executeStep()) {
            return std::nullopt;
        }
        const auto column = query.getColumn(0);
        const std::int64_t due = column.isNull() ? 0 : column.getInt64();
        query.reset();
        if (due >= k_never_due) {
            return std::nullopt;
        }
        return from_unix(due);
    });
}

} // namespace vtrguard::store
