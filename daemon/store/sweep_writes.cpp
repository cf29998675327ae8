#include "batch.hpp"
#include "order_columns.hpp"
#include "sweep_columns.hpp"

#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace vtrguard::store {

Result<std::optional<SweepState>> Store::sweep_state() {
    return guarded("read sweep state", [&]() -> std::optional<SweepState> {
        auto query =
            m_impl->prepare("SELECT last_swept_at, settings FROM sweep_state WHERE id = 1");
        if (!query->executeStep()) {
            return std::nullopt;
        }
        return SweepState{from_unix(query->getColumn(0).getInt64()),
                          query->getColumn(1).getString()};
    });
}

Result<std::int64_t> Store::queued_count() {
    return guarded("count queued orders", [&] {
        auto query = m_impl->prepare("SELECT count(*) FROM sweep_queue");
        query->executeStep();
        return query->getColumn(0).getInt64();
    });
}

Result<bool> Store::mark_due(std::span<const std::int64_t> row_ids) {
    return guarded("queue orders", [&] {
        for (const auto row_id : row_ids) {
            auto insert =
                m_impl->prepare("INSERT OR IGNORE INTO sweep_queue (order_row) VALUES (?)");
            insert->bind(1, row_id);
            insert->exec();
        }
        return true;
    });
}

namespace {

constexpr BatchSql k_put_checks{
    "INSERT OR REPLACE INTO tracking_checks (order_row, tracking_key, verdict, checked_at) VALUES ",
    "(?, ?, ?, ?)",
    "",
    4};
constexpr BatchSql k_remove_checks{"DELETE FROM tracking_checks WHERE order_row IN (", "?", ")", 1};
constexpr BatchSql k_put_timers{
    "INSERT OR REPLACE INTO sweep_timers (order_row, due_at) VALUES ", "(?, ?)", "", 2};
constexpr BatchSql k_remove_timers{"DELETE FROM sweep_timers WHERE order_row IN (", "?", ")", 1};
constexpr BatchSql k_queue_lookups{
    "INSERT OR IGNORE INTO lookup_queue (order_row) VALUES ", "(?)", "", 1};
constexpr BatchSql k_raise_alerts{
    "INSERT INTO alerts (order_id, condition, level, detail, raised_at) VALUES ",
    "(?, ?, ?, ?, ?)",
    "",
    5};

// The writes whose `field` is `change`.
std::vector<const SweepWrite*> writes_with(std::span<const SweepWrite> writes,
                                           SweepWrite::Change SweepWrite::*field,
                                           SweepWrite::Change change) {
    std::vector<const SweepWrite*> chosen;
    for (const auto& write : writes) {
        if (write.*field == change) {
            chosen.push_back(&write);
        }
    }
    return chosen;
}

} // namespace

Result<bool> Store::write_sweep(std::span<const SweepWrite> writes, core::TimePoint now) {
    return guarded("record sweep", [&] {
        using Change = SweepWrite::Change;
        const auto checks = writes_with(writes, &SweepWrite::check, Change::put);
        exec_batched(*m_impl, k_put_checks, checks.size(), [&](sqlite3_stmt* put, int at, auto i) {
            bind_raw(put, at, checks[i]->row_id);
            if (!checks[i]->tracking_key.empty()) {
                bind_raw_text(put, at + 1, checks[i]->tracking_key);
            }
            bind_raw_text(put, at + 2, checks[i]->verdict);
            bind_raw(put, at + 3, to_unix(now));
        });
        const auto stale = writes_with(writes, &SweepWrite::check, Change::remove);
        exec_batched(
            *m_impl, k_remove_checks, stale.size(), [&](sqlite3_stmt* remove, int at, auto i) {
                bind_raw(remove, at, stale[i]->row_id);
            });
        // A verdict that turned `ok` with no write to the order (new rules) needs a lookup.
        std::vector<std::int64_t> now_valid;
        for (const auto& write : writes) {
            if (write.check != Change::keep && write.verdict == "ok") {
                now_valid.push_back(write.row_id);
            }
        }
        exec_batched(
            *m_impl, k_queue_lookups, now_valid.size(), [&](sqlite3_stmt* queue, int at, auto i) {
                bind_raw(queue, at, now_valid[i]);
            });
        const auto timers = writes_with(writes, &SweepWrite::timer, Change::put);
        exec_batched(*m_impl, k_put_timers, timers.size(), [&](sqlite3_stmt* put, int at, auto i) {
            bind_raw(put, at, timers[i]->row_id);
            bind_raw(put, at + 1, timers[i]->timer_due);
        });
        const auto done = writes_with(writes, &SweepWrite::timer, Change::remove);
        exec_batched(
            *m_impl, k_remove_timers, done.size(), [&](sqlite3_stmt* remove, int at, auto i) {
                bind_raw(remove, at, done[i]->row_id);
            });
        return true;
    });
}

Result<bool> Store::write_alerts(std::span<const AlertWrite> writes, core::TimePoint now) {
    return guarded("record alerts", [&] {
        // At most one write per order and condition: raising them together after the
        // escalations and resolutions changes nothing.
        std::vector<const AlertWrite*> raises;
        for (const auto& write : writes) {
            if (write.kind == AlertWrite::Kind::raise) {
                raises.push_back(&write);
                continue;
            }
            const auto statement = m_impl->prepare_raw(
                write.kind == AlertWrite::Kind::escalate
                    ? "UPDATE alerts SET level = ?3, detail = ?4, escalated_at = ?5 "
                      "WHERE order_id = ?1 AND condition = ?2 AND resolved_at IS NULL"
                    : "UPDATE alerts SET resolved_at = ?5 "
                      "WHERE order_id = ?1 AND condition = ?2 AND resolved_at IS NULL");
            bind_raw_text(statement, 1, write.order_id);
            bind_raw_text(statement, 2, alerts::condition_name(write.condition));
            if (write.kind == AlertWrite::Kind::escalate) {
                bind_raw_text(statement, 3, alerts::level_name(write.level));
                bind_raw_text(statement, 4, write.detail);
            }
            bind_raw(statement, 5, to_unix(now));
            step(statement);
        }
        exec_batched(
            *m_impl, k_raise_alerts, raises.size(), [&](sqlite3_stmt* insert, int at, auto i) {
                bind_raw_text(insert, at, raises[i]->order_id);
                bind_raw_text(insert, at + 1, alerts::condition_name(raises[i]->condition));
                bind_raw_text(insert, at + 2, alerts::level_name(raises[i]->level));
                bind_raw_text(insert, at + 3, raises[i]->detail);
                bind_raw(insert, at + 4, to_unix(now));
            });
        return true;
    });
}

Result<bool> Store::finish_sweep(const SweepState& state) {
    return guarded("finish sweep", [&] {
        // Without a WHERE clause SQLite drops the queue's pages wholesale.
        m_impl->database.exec("DELETE FROM sweep_queue");
        auto upsert = m_impl->prepare(
            "INSERT OR REPLACE INTO sweep_state (id, last_swept_at, settings) VALUES (1, ?, ?)");
        upsert->bind(1, to_unix(state.swept_at));
        bind_text_view(*upsert, 2, state.settings);
        upsert->exec();
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
        const auto query = m_impl->prepare_raw(k_sql);
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
        auto queued = m_impl->prepare("SELECT EXISTS (SELECT 1 FROM sweep_queue)");
        queued->executeStep();
        const bool is_any_queued = queued->getColumn(0).getInt() != 0;
        if (is_any_queued) {
            return now;
        }
        std::optional<std::int64_t> earliest;
        const auto consider = [&earliest](std::int64_t due) {
            earliest = earliest ? std::min(*earliest, due) : due;
        };
        for (const auto lead : leads) {
            // The next order to cross this lead time: the first ship_by past now + lead.
            // Ship-by times past the supported years are ignored by the sweep (read_sweep_order):
            // waking for them would overflow the wait and spin.
            auto next =
                m_impl->prepare("SELECT MIN(ship_by) FROM orders "
                                "WHERE status = 'awaiting' AND ship_by > ? AND ship_by < ?");
            next->bind(1, to_unix(now) + lead);
            next->bind(2, core::k_end_unix_time);
            if (next->executeStep() && !next->getColumn(0).isNull()) {
                consider(next->getColumn(0).getInt64() - lead);
            }
        }
        auto timer = m_impl->prepare("SELECT MIN(due_at) FROM sweep_timers");
        if (timer->executeStep() && !timer->getColumn(0).isNull()) {
            consider(timer->getColumn(0).getInt64());
        }
        if (!earliest) {
            return std::nullopt;
        }
        return from_unix(*earliest);
    });
}

} // namespace vtrguard::store
