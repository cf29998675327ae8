#pragma once

#include "row.hpp"

#include <string_view>

namespace vtrguard::store {

// The order columns in the order read_order() expects them.
inline constexpr std::string_view k_order_columns =
    "order_id, marketplace, purchase_date, ship_by, deliver_by, status, carrier, "
    "tracking_number, ship_confirmed_at, first_scan_at, category, service_level, "
    "ship_from_country, ship_to_country, order_value, currency, tracking_uploaded_at";

inline constexpr int k_order_column_count = 17;

// The order in columns [first, first + k_order_column_count) of the current row. NULL text
// reads as empty; a status another program mistyped reads as awaiting, the safe side.
Order read_order(const RawRow& row, int first);

// Binds the fields of `order` to parameters [first, first + k_order_column_count).
void bind_order(SQLite::Statement& statement, int first, const Order& order);

} // namespace vtrguard::store
