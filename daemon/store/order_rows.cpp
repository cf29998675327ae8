#include "order_columns.hpp"

#include <fmt/format.h>

namespace vtrguard::store {

namespace {

std::string read_text(SQLite::Statement& row, int index) {
    const auto column = row.getColumn(index);
    return column.isNull() ? std::string() : column.getString();
}

std::optional<core::TimePoint> read_time(SQLite::Statement& row, int index) {
    const auto column = row.getColumn(index);
    if (column.isNull()) {
        return std::nullopt;
    }
    return from_unix(column.getInt64());
}

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

Order read_order(SQLite::Statement& row, int first) {
    Order order;
    order.order_id = read_text(row, first);
    order.marketplace = read_text(row, first + 1);
    order.purchase_date = read_time(row, first + 2);
    order.ship_by = read_time(row, first + 3);
    order.deliver_by = read_time(row, first + 4);
    order.status = parse_status(read_text(row, first + 5)).value_or(OrderStatus::awaiting);
    order.carrier = read_text(row, first + 6);
    order.tracking_number = read_text(row, first + 7);
    order.ship_confirmed_at = read_time(row, first + 8);
    order.first_scan_at = read_time(row, first + 9);
    order.category = read_text(row, first + 10);
    order.service_level = read_text(row, first + 11);
    order.ship_from_country = read_text(row, first + 12);
    order.ship_to_country = read_text(row, first + 13);
    if (const auto value = row.getColumn(first + 14); !value.isNull()) {
        order.order_value = value.getDouble();
    }
    order.currency = read_text(row, first + 15);
    order.tracking_uploaded_at = read_time(row, first + 16);
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
        auto& query = m_impl->prepare(k_sql);
        query.bind(1, std::string(order_id));
        if (!query.executeStep()) {
            return std::nullopt;
        }
        auto order = read_order(query, 0);
        query.reset();
        return order;
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
        // next_due_at = 0 makes the next sweep look at the order again.
        static const std::string k_sql =
            fmt::format("INSERT INTO orders ({}, updated_at, next_due_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) "
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
                        "updated_at = excluded.updated_at, "
                        "next_due_at = 0",
                        k_order_columns);
        auto& statement = m_impl->prepare(k_sql);
        bind_order(statement, 1, merged);
        statement.bind(k_order_column_count + 1, to_unix(now));
        statement.exec();
        return *stored ? UpsertOutcome::updated : UpsertOutcome::inserted;
    });
}

} // namespace vtrguard::store
