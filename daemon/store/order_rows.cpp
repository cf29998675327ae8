#include "order_columns.hpp"

#include <fmt/format.h>

namespace vtrguard::store {

namespace {

void bind_text(SQLite::Statement& statement, int index, const std::string& text) {
    if (text.empty()) {
        statement.bind(index);
    } else {
        statement.bindNoCopy(index, text);
    }
}

void bind_time(SQLite::Statement& statement, int index, std::optional<core::TimePoint> time) {
    if (time) {
        statement.bind(index, to_unix(*time));
    } else {
        statement.bind(index);
    }
}

} // namespace

Order read_order(const RawRow& row, int first) {
    Order order;
    order.order_id = row.text(first);
    order.marketplace = row.text(first + 1);
    order.purchase_date = row.time(first + 2);
    order.ship_by = row.time(first + 3);
    order.deliver_by = row.time(first + 4);
    order.status = parse_status(row.text_view(first + 5)).value_or(OrderStatus::awaiting);
    order.carrier = row.text(first + 6);
    order.tracking_number = row.text(first + 7);
    order.ship_confirmed_at = row.time(first + 8);
    order.first_scan_at = row.time(first + 9);
    order.category = row.text(first + 10);
    order.service_level = row.text(first + 11);
    order.ship_from_country = row.text(first + 12);
    order.ship_to_country = row.text(first + 13);
    if (!row.is_null(first + 14)) {
        order.order_value = row.real(first + 14);
    }
    order.currency = row.text(first + 15);
    order.tracking_uploaded_at = row.time(first + 16);
    return order;
}

void bind_order(SQLite::Statement& statement, int first, const Order& order) {
    bind_text(statement, first, order.order_id);
    bind_text(statement, first + 1, order.marketplace);
    bind_time(statement, first + 2, order.purchase_date);
    bind_time(statement, first + 3, order.ship_by);
    bind_time(statement, first + 4, order.deliver_by);
    statement.bind(first + 5, std::string(status_name(order.status)));
    bind_text(statement, first + 6, order.carrier);
    bind_text(statement, first + 7, order.tracking_number);
    bind_time(statement, first + 8, order.ship_confirmed_at);
    bind_time(statement, first + 9, order.first_scan_at);
    bind_text(statement, first + 10, order.category);
    bind_text(statement, first + 11, order.service_level);
    bind_text(statement, first + 12, order.ship_from_country);
    bind_text(statement, first + 13, order.ship_to_country);
    if (order.order_value) {
        statement.bind(first + 14, *order.order_value);
    } else {
        statement.bind(first + 14);
    }
    bind_text(statement, first + 15, order.currency);
    bind_time(statement, first + 16, order.tracking_uploaded_at);
}

Result<std::optional<Order>> Store::find_order(std::string_view order_id) {
    return guarded("find order", [&]() -> std::optional<Order> {
        static const std::string k_sql =
            fmt::format("SELECT {} FROM orders WHERE order_id = ?", k_order_columns);
        const auto query = m_impl->prepare_raw(k_sql);
        bind_raw_text(query, 1, order_id);
        if (!step(query)) {
            return std::nullopt;
        }
        return read_order(RawRow(query), 0);
    });
}

Result<UpsertOutcome> Store::upsert(const OrderPatch& patch, core::TimePoint now) {
    auto stored = find_order(patch.values.order_id);
    if (!stored) {
        return tl::unexpected(stored.error());
    }
    Order base;
    base.order_id = patch.values.order_id;
    const Order merged = apply_patch(stored->value_or(base), patch);
    if (*stored && merged == **stored) {
        return UpsertOutcome::unchanged;
    }
    return guarded("store order", [&] {
        // Triggers queue the written order for the next sweep (docs/store.md).
        static const std::string k_sql =
            fmt::format("INSERT INTO orders ({}, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (order_id) DO UPDATE SET marketplace = excluded.marketplace, "
                        "purchase_date = excluded.purchase_date, ship_by = excluded.ship_by, "
                        "deliver_by = excluded.deliver_by, status = excluded.status, "
                        "carrier = excluded.carrier, tracking_number = excluded.tracking_number, "
                        "ship_confirmed_at = excluded.ship_confirmed_at, "
                        "first_scan_at = excluded.first_scan_at, category = excluded.category, "
                        "service_level = excluded.service_level, "
                        "ship_from_country = excluded.ship_from_country, "
                        "ship_to_country = excluded.ship_to_country, "
                        "order_value = excluded.order_value, currency = excluded.currency, "
                        "tracking_uploaded_at = excluded.tracking_uploaded_at, "
                        "updated_at = excluded.updated_at",
                        k_order_columns);
        auto statement = m_impl->prepare(k_sql);
        bind_order(*statement, 1, merged);
        statement->bind(k_order_column_count + 1, to_unix(now));
        statement->exec();
        return *stored ? UpsertOutcome::updated : UpsertOutcome::inserted;
    });
}

} // namespace vtrguard::store
