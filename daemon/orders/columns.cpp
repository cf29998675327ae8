#include "columns.hpp"

#include <vtrguard/core/spelling.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace vtrguard::orders {

namespace {

constexpr std::size_t k_max_field_bytes = 512;
constexpr std::size_t k_max_order_id_bytes = 64;
constexpr std::size_t k_max_tracking_bytes = 128;

constexpr std::array<std::string_view, 17> k_csv_names{
    "order_id",
    "marketplace",
    "purchase_date",
    "ship_by",
    "deliver_by",
    "status",
    "carrier",
    "tracking_number",
    "ship_confirmed_at",
    "first_scan_at",
    "category",
    "service_level",
    "ship_from_country",
    "ship_to_country",
    "order_value",
    "currency",
    "tracking_uploaded_at",
};

// Amazon's Unshipped Orders report (docs/store.md, design/amazon-orders.md). `promise-date`
// is left out on purpose: what it promises is not documented.
constexpr std::array<std::pair<std::string_view, Column>, 7> k_amazon_names{{
    {"order-id", Column::order_id},
    {"purchase-date", Column::purchase_date},
    {"sales-channel", Column::marketplace},
    {"ship-service-level", Column::service_level},
    {"latest-ship-date", Column::ship_by},
    {"latest-delivery-date", Column::deliver_by},
    {"ship-country", Column::ship_to_country},
}};

std::optional<std::string> text_problem(std::string_view text, std::size_t limit) {
    if (text.size() > limit) {
        return fmt::format("{} bytes, more than the {} allowed", text.size(), limit);
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t size = core::utf8_sequence_length(text, pos);
        if (size == 0) {
            return fmt::format("invalid UTF-8 at byte {} (a file in another encoding needs "
                               "--encoding: gb18030, utf-16, latin1)",
                               pos + 1);
        }
        if (size == 1 && static_cast<unsigned char>(text[pos]) < 0x20) {
            return fmt::format("control character at byte {}", pos + 1);
        }
        pos += size;
    }
    return std::nullopt;
}

using store::OrderField;

struct FieldTarget {
    OrderField field;
    std::string store::Order::*text = nullptr;
    std::optional<core::TimePoint> store::Order::*time = nullptr;
};

FieldTarget target_of(Column column) {
    using store::Order;
    switch (column) {
    case Column::marketplace:
        return {OrderField::marketplace, &Order::marketplace};
    case Column::purchase_date:
        return {OrderField::purchase_date, nullptr, &Order::purchase_date};
    case Column::ship_by:
        return {OrderField::ship_by, nullptr, &Order::ship_by};
    case Column::deliver_by:
        return {OrderField::deliver_by, nullptr, &Order::deliver_by};
    case Column::carrier:
        return {OrderField::carrier, &Order::carrier};
    case Column::tracking_number:
        return {OrderField::tracking_number, &Order::tracking_number};
    case Column::ship_confirmed_at:
        return {OrderField::ship_confirmed_at, nullptr, &Order::ship_confirmed_at};
    case Column::first_scan_at:
        return {OrderField::first_scan_at, nullptr, &Order::first_scan_at};
    case Column::category:
        return {OrderField::category, &Order::category};
    case Column::service_level:
        return {OrderField::service_level, &Order::service_level};
    case Column::ship_from_country:
        return {OrderField::ship_from_country, &Order::ship_from_country};
    case Column::ship_to_country:
        return {OrderField::ship_to_country, &Order::ship_to_country};
    case Column::currency:
        return {OrderField::currency, &Order::currency};
    case Column::tracking_uploaded_at:
        return {OrderField::tracking_uploaded_at, nullptr, &Order::tracking_uploaded_at};
    case Column::order_id:
    case Column::status:
    case Column::order_value:
        break;
    }
    return {OrderField::status};
}

// A decimal amount such as `12.50`; an empty cell clears it.
std::optional<std::string> read_order_value(std::string_view value, store::OrderPatch& patch) {
    patch.set(OrderField::order_value);
    if (value.empty()) {
        patch.values.order_value.reset();
        return std::nullopt;
    }
    double amount = 0;
    const auto* end = value.data() + value.size();
    const auto [stop, error] = std::from_chars(value.data(), end, amount);
    if (error != std::errc() || stop != end || amount < 0 || !std::isfinite(amount)) {
        return fmt::format("\"{}\" is not an amount such as 12.50", value);
    }
    patch.values.order_value = amount;
    return std::nullopt;
}

// Fills one field of `patch` from `value`; the error says why, without the column name.
std::optional<std::string>
read_field(Column column, std::string_view value, store::OrderPatch& patch) {
    const std::size_t limit = column == Column::order_id          ? k_max_order_id_bytes
                              : column == Column::tracking_number ? k_max_tracking_bytes
                                                                  : k_max_field_bytes;
    if (auto problem = text_problem(value, limit)) {
        return problem;
    }
    if (column == Column::order_id) {
        if (value.empty()) {
            return "empty; every row needs its order id";
        }
        patch.values.order_id = value;
        return std::nullopt;
    }
    if (column == Column::status) {
        const auto status = store::parse_status(value);
        if (!status) {
            return fmt::format("\"{}\" is not awaiting, shipped or cancelled", value);
        }
        patch.values.status = *status;
        patch.set(OrderField::status);
        return std::nullopt;
    }
    if (column == Column::order_value) {
        return read_order_value(value, patch);
    }
    const auto target = target_of(column);
    if (target.time != nullptr) {
        // An empty cell clears the time; the column is still carried.
        if (!value.empty()) {
            auto time = core::parse_instant(value);
            if (!time) {
                return fmt::format("\"{}\": {}", value, time.error().message);
            }
            patch.values.*target.time = *time;
        }
    } else {
        patch.values.*target.text = value;
    }
    patch.set(target.field);
    return std::nullopt;
}

} // namespace

Result<ColumnMap> map_header(const Record& header, ImportFormat format) {
    ColumnMap map;
    map.is_amazon = format == ImportFormat::amazon_unshipped;
    for (const auto& raw : header.fields) {
        const std::string name(core::trim_blanks(raw));
        std::optional<Column> column;
        if (map.is_amazon) {
            for (const auto& [amazon_name, mapped] : k_amazon_names) {
                column = amazon_name == name ? std::optional(mapped) : column;
            }
        } else {
            const auto found = std::find(k_csv_names.begin(), k_csv_names.end(), name);
            if (found == k_csv_names.end()) {
                return fail(ErrorCode::invalid_input,
                            fmt::format("{}: header: unknown column \"{}\"; the closest is \"{}\"",
                                        header.line,
                                        core::printable(name),
                                        core::closest_match(name, k_csv_names)));
            }
            column = static_cast<Column>(found - k_csv_names.begin());
        }
        if (column
            && std::find(map.columns.begin(), map.columns.end(), column) != map.columns.end()) {
            return fail(ErrorCode::invalid_input,
                        fmt::format("{}: header: column \"{}\" appears twice",
                                    header.line,
                                    core::printable(name)));
        }
        map.columns.push_back(column);
        map.names.push_back(name);
    }
    if (std::find(map.columns.begin(), map.columns.end(), Column::order_id) == map.columns.end()) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("{}: header: no {} column",
                                header.line,
                                map.is_amazon ? "order-id" : "order_id"));
    }
    return map;
}

tl::expected<store::OrderPatch, RowError> parse_row(const Record& row, const ColumnMap& map) {
    if (row.error) {
        return tl::unexpected(RowError{row.line, "row", *row.error});
    }
    if (row.fields.size() != map.columns.size()) {
        return tl::unexpected(RowError{row.line,
                                       "row",
                                       fmt::format("{} fields where the header has {}",
                                                   row.fields.size(),
                                                   map.columns.size())});
    }
    store::OrderPatch patch;
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
        if (!map.columns[i]) {
            continue;
        }
        const auto value = core::trim_blanks(row.fields[i]);
        if (auto why = read_field(*map.columns[i], value, patch)) {
            return tl::unexpected(RowError{row.line, map.names[i], std::move(*why)});
        }
    }
    if (map.is_amazon) {
        // The report lists only orders Amazon has not seen confirmed as shipped.
        patch.values.status = store::OrderStatus::awaiting;
        patch.set(OrderField::status);
    }
    return patch;
}

} // namespace vtrguard::orders
