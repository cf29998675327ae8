#pragma once

#include <vtrguard/core/result.hpp>
#include <vtrguard/orders/import.hpp>
#include <vtrguard/orders/record_reader.hpp>
#include <vtrguard/store/order.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::orders {

// The order field a column fills; nullopt columns are read and ignored.
enum class Column : std::uint8_t {
    order_id,
    marketplace,
    purchase_date,
    ship_by,
    deliver_by,
    status,
    carrier,
    tracking_number,
    ship_confirmed_at,
    first_scan_at,
    category,
    service_level,
    ship_from_country,
    ship_to_country,
    order_value,
    currency,
    tracking_uploaded_at,
};

// How one file's columns map to order fields.
struct ColumnMap {
    std::vector<std::optional<Column>> columns; // one per header field
    std::vector<std::string> names;             // the header as written
    bool is_amazon = false;                     // rows are unshipped orders
};

// Maps a header. CSV: every name must be one of our fields (an unknown one is an error naming
// the closest), `order_id` required, no repeats. Amazon: known columns map, others are
// ignored, `order-id` required.
Result<ColumnMap> map_header(const Record& header, ImportFormat format);

// The patch one data row carries, or the first thing wrong with it.
tl::expected<store::OrderPatch, RowError> parse_row(const Record& row, const ColumnMap& map);

} // namespace vtrguard::orders
