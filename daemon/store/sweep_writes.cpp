#include "order_columns.hpp"
#include "sweep_columns.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace vtrguard::store {

Result<std::optional<SweepState>> Store::sweep_state() {
    return guarded("read sweep state", [&]() -> std::optional<SweepState> {
        auto& query =
            m_impl->prepare("SELECT last_swept_at, settings FROM sweep_state WHERE id = 1");
        if (!query.executeStep()) {
            return std::nullopt;
        }
        SweepState state{from_unix(query.getColumn(0).getInt64()), query.getColumn(1).getString()};
        query.reset();
        return state;
    });
}

Result<std::int64_t> Store::queued_count() {
    return guarded("count queued orders", [&] {
        auto& query = m_impl->prepare("SELECT count(*) FROM sweep_queue");
        query.executeStep();
        const auto count = query.getColumn(0).getInt64();
        query.reset();
        return count;
    });
}

Result<bool> Store::mark_due(std::span<const std::int64_t> row_ids) {
    return guarded("queue orders", [&] {
        for (const auto row_id : row_ids) {
            auto& insert =
                m_impl->prepare("INSERT OR IGNORE INTO sweep_queue (order_row) VALUES (?)");
            insert.bind(1, row_id);
            insert.exec();
        }
        return true;
    });
}

Result<bool> Store::write_sweep(std::span<const SweepWrite> writes, core::TimePoint now) {
    return guarded("record sweep", [&] {
        using Change = SweepWrite::Change;
        for (const auto& write : writes) {
            if (write.check == Change::put) {
                auto& put = m_impl->prepare("INSERT OR REPLACE INTO tracking_checks "
                                            "(order_row, tracking_key, verdict, checked_at) "
                                            "VALUES (?, ?, ?, ?)");
                put.bind(1, write.row_id);
                bind_optional_text(put, 2, write.tracking_key);
                bind_text_view(put, 3, write.verdict);
                put.bind(4, to_unix(now));
                put.exec();
            } else if (write.check == Change::remove) {
                auto& remove = m_impl->prepare("DELETE FROM tracking_checks WHERE order_row = ?");
                remove.bind(1, write.row_id);
                remove.exec();
            }
            if (write.timer == Change::put) {
                auto& put = m_impl->prepare(
                    "INSERT OR REPLACE INTO sweep_timers (order_row, due_at) VALUES (?, ?)");
                put.bind(1, write.row_id);
                put.bind(2, write.timer_due);
                put.exec();
            } else if (write.timer == Change::remove) {
                auto& remove = m_impl->prepare("DELETE FROM sweep_timers WHERE order_row = ?");
                remove.bind(1, write.row_id);
                remove.exec();
            }
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
                bind_text_view(*statement, 3, level);
                bind_text_view(*statement, 4, write.detail);
                break;
            case AlertWrite::Kind::escalate:
                statement = &m_impl->prepare(
                    "UPDATE alerts SET level = ?3, detail = ?4, escalated_at = ?5 "
                    "WHERE order_id = ?1 AND condition = ?2 AND resolved_at IS NULL");
                bind_text_view(*statement, 3, level);
                bind_text_view(*statement, 4, write.detail);
                break;
            case AlertWrite::Kind::resolve:
                statement = &m_impl->prepare(
                    "UPDATE alerts SET resolved_at = ?5 "
                    "WHERE order_id = ?1 AND condition = ?2 AND resolved_at IS NULL");
                break;
            }
            bind_text_view(*statement, 1, write.order_id);
            bind_text_view(*statement, 2, condition);
            statement->bind(5, to_unix(now));
            statement->exec();
        }
        return true;
    });
}

Result<bool> Store::finish_sweep(const SweepState& state) {
    return guarded("finish sweep", [&] {
        // Without a WHERE clause SQLite drops the queue's pages wholesale.
        m_impl->database.exec("DELETE FROM sweep_queue");
        auto& upsert = m_impl->prepare(
            "INSERT OR REPLACE INTO sweep_state (id, last_swept_at, settings) VALUES (1, ?, ?)");
        upsert.bind(1, to_unix(state.swept_at));
        bind_text_view(upsert, 2, state.settings);
        upsert.exec();
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
        auto* query = m_impl->prepare_raw(k_sql);
        std::vector<AlertRecord> records;
        while (step(query)) {
            const RawRow row(query);
            auto alert = read_open_alert(row, 0);
            if (!alert) {
                continue;
            }
            records.push_back({read_order(row, 4), *alert, row.text(2), from_unix(row.int64(3))});
        }
        return records;
    });
}

Result<std::optional<core::TimePoint>> Store::earliest_due(core::TimePoint now,
                                                           std::span<const std::int64_t> leads) {
    return guarded("earliest due order", [&]() -> std::optional<core::TimePoint> {
        auto& queued = m_impl->prepare("SELECT EXISTS (SELECT 1 FROM sweep_queue)");
        queued.executeStep();
        const bool is_any_queued = queued.getColumn(0).getInt() != 0;
        queued.reset();
        if (is_any_queued) {
            return now;
        }
        std::optional<std::int64_t> earliest;
        const auto consider = [&earliest](std::int64_t due) {
            earliest = earliest ? std::min(*earliest, due) : due;
        };
        for (const auto lead : leads) {
            // The next order to cross this lead time: the first ship_by past now + lead.
            auto& next = m_impl->prepare("SELECT MIN(ship_by) FROM orders "
                                         "WHERE status = 'awaiting' AND ship_by > ?");
            next.bind(1, to_unix(now) + lead);
            if (next.executeStep() && !next.getColumn(0).isNull()) {
                consider(next.getColumn(0).getInt64() - lead);
            }
            next.reset();
        }
        auto& timer = m_impl->prepare("SELECT MIN(due_at) FROM sweep_timers");
        if (timer.executeStep() && !timer.getColumn(0).isNull()) {
            consider(timer.getColumn(0).getInt64());
        }
        timer.reset();
        if (!earliest) {
            return std::nullopt;
        }
        return from_unix(*earliest);
    });
}

} // namespace vtrguard::store
