#include "lookup_columns.hpp"
#include "sweep_columns.hpp"

#include <algorithm>
#include <array>

namespace vtrguard::store {

namespace {

// Events kept per number: the newest ones. Enough for people to see what happened.
constexpr std::size_t k_max_events = 50;

constexpr std::array k_statuses{carriers::TrackStatus::not_found,
                                carriers::TrackStatus::label_created,
                                carriers::TrackStatus::in_transit,
                                carriers::TrackStatus::out_for_delivery,
                                carriers::TrackStatus::delivered,
                                carriers::TrackStatus::exception,
                                carriers::TrackStatus::returned};

std::string text_at(SQLite::Statement& row, int index) {
    const auto column = row.getColumn(index);
    return column.isNull() ? std::string() : column.getString();
}

void bind_time(SQLite::Statement& statement, int index, std::optional<core::TimePoint> time) {
    if (time) {
        statement.bind(index, to_unix(*time));
    } else {
        statement.bind(index);
    }
}

// SQL: the order `?1` leaves the lookup queue when its number is still `?2`.
const std::string k_dequeue_looked_up =
    fmt::format("DELETE FROM lookup_queue WHERE order_row IN "
                "(SELECT rowid FROM orders WHERE order_id = ?1 AND {} = ?2)",
                k_plain_key_sql);

} // namespace

std::optional<CarrierLookup> read_lookup(const RawRow& row, int first) {
    if (row.is_null(first)) {
        return std::nullopt;
    }
    CarrierLookup lookup;
    lookup.number = row.text(first);
    lookup.first_at = from_unix(row.int64(first + 1));
    lookup.checked_at = from_unix(row.int64(first + 2));
    lookup.outcome = tracking::parse_lookup_outcome(row.text_view(first + 3))
                         .value_or(tracking::LookupOutcome::unreachable);
    const auto status = row.text(first + 4);
    for (const auto candidate : k_statuses) {
        if (carriers::track_status_name(candidate) == status) {
            lookup.status = candidate;
        }
    }
    lookup.has_physical_scan = row.int64(first + 5) != 0;
    lookup.first_scan_at = row.time(first + 6);
    lookup.next_at = row.time(first + 7);
    lookup.attempts = static_cast<int>(row.int64(first + 8));
    lookup.detail = row.text(first + 9);
    return lookup;
}

Result<std::optional<core::TimePoint>> Store::earliest_lookup() {
    return guarded("earliest lookup", [&]() -> std::optional<core::TimePoint> {
        auto query = m_impl->prepare("SELECT MIN(next_at) FROM carrier_lookups");
        if (!query->executeStep() || query->getColumn(0).isNull()) {
            return std::nullopt;
        }
        return from_unix(query->getColumn(0).getInt64());
    });
}

Result<bool> Store::record_lookups(std::span<const LookupWrite> writes) {
    if (writes.empty()) {
        return true;
    }
    auto transaction = Transaction::begin(*this);
    if (!transaction) {
        return tl::unexpected(transaction.error());
    }
    auto written = guarded("record lookups", [&] {
        for (const auto& write : writes) {
            const auto& lookup = write.lookup;
            auto state = m_impl->prepare(
                "INSERT OR REPLACE INTO carrier_lookups (order_id, number, first_at, checked_at, "
                "outcome, status, has_physical_scan, first_scan_at, next_at, attempts, detail) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            bind_text_view(*state, 1, write.order_id);
            bind_text_view(*state, 2, lookup.number);
            state->bind(3, to_unix(lookup.first_at));
            state->bind(4, to_unix(lookup.checked_at));
            bind_text_view(*state, 5, tracking::lookup_outcome_name(lookup.outcome));
            bind_optional_text(
                *state, 6, lookup.status ? carriers::track_status_name(*lookup.status) : "");
            state->bind(7, lookup.has_physical_scan ? 1 : 0);
            bind_time(*state, 8, lookup.first_scan_at);
            bind_time(*state, 9, lookup.next_at);
            state->bind(10, lookup.attempts);
            bind_optional_text(*state, 11, lookup.detail);
            state->exec();
            // Looked up: out of the queue, unless the order holds another number by now.
            auto done = m_impl->prepare(k_dequeue_looked_up);
            bind_text_view(*done, 1, write.order_id);
            bind_text_view(*done, 2, lookup.number);
            done->exec();
            if (!write.events.empty()) {
                auto clear = m_impl->prepare("DELETE FROM carrier_events WHERE number = ?");
                bind_text_view(*clear, 1, lookup.number);
                clear->exec();
                const auto kept = std::min(write.events.size(), k_max_events);
                for (auto i = write.events.size() - kept; i < write.events.size(); ++i) {
                    const auto& event = write.events[i];
                    auto insert = m_impl->prepare(
                        "INSERT INTO carrier_events (number, seq, time, code, description, "
                        "location, is_physical) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    bind_text_view(*insert, 1, lookup.number);
                    insert->bind(2, static_cast<std::int64_t>(i));
                    if (event.time) {
                        insert->bind(3, *event.time);
                    } else {
                        insert->bind(3);
                    }
                    bind_optional_text(*insert, 4, event.code);
                    bind_optional_text(*insert, 5, event.description);
                    bind_optional_text(*insert, 6, event.location);
                    insert->bind(7, event.is_physical ? 1 : 0);
                    insert->exec();
                }
            }
            if (!write.wakes_sweep) {
                continue;
            }
            // The sweep decides what the answer means (the update queues the order for it); an
            // order's own first scan stays.
            auto order =
                m_impl->prepare("UPDATE orders SET first_scan_at = COALESCE(first_scan_at, ?) "
                                "WHERE order_id = ?");
            bind_time(*order, 1, lookup.first_scan_at);
            bind_text_view(*order, 2, write.order_id);
            order->exec();
        }
        return true;
    });
    if (!written) {
        return written;
    }
    return transaction->commit();
}

Result<std::optional<CarrierLookup>> Store::find_lookup(std::string_view order_id) {
    return guarded("find lookup", [&] {
        static const std::string k_sql = fmt::format(
            "SELECT {} FROM carrier_lookups AS l WHERE l.order_id = ?", k_lookup_columns);
        const auto query = m_impl->prepare_raw(k_sql);
        bind_raw_text(query, 1, order_id);
        if (!step(query)) {
            return std::optional<CarrierLookup>{};
        }
        return read_lookup(RawRow(query), 0);
    });
}

Result<std::vector<carriers::TrackEvent>> Store::lookup_events(std::string_view number) {
    return guarded("list lookup events", [&] {
        auto query = m_impl->prepare("SELECT time, code, description, location, is_physical "
                                     "FROM carrier_events WHERE number = ? ORDER BY seq");
        bind_text_view(*query, 1, number);
        std::vector<carriers::TrackEvent> events;
        while (query->executeStep()) {
            carriers::TrackEvent event;
            if (!query->getColumn(0).isNull()) {
                event.time = query->getColumn(0).getInt64();
            }
            event.code = text_at(*query, 1);
            event.description = text_at(*query, 2);
            event.location = text_at(*query, 3);
            event.is_physical = query->getColumn(4).getInt() != 0;
            events.push_back(std::move(event));
        }
        return events;
    });
}

Result<bool> Store::retry_format_only(core::TimePoint now) {
    return guarded("plan format-only lookups", [&] {
        auto update =
            m_impl->prepare("UPDATE carrier_lookups SET next_at = ? WHERE outcome = 'format_only'");
        update->bind(1, to_unix(now));
        update->exec();
        return true;
    });
}

} // namespace vtrguard::store
