#pragma once

#include <vtrguard/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vtrguard::store {

// Where an order is in its life. Only `awaiting` orders can still be fixed before ship-by.
enum class OrderStatus : std::uint8_t { awaiting, shipped, cancelled };

// `awaiting`, `shipped`, `cancelled`: the text stored in the orders table.
std::string_view status_name(OrderStatus status);

// The status named `name` (case-insensitive; `unshipped` and `pending` read as awaiting).
std::optional<OrderStatus> parse_status(std::string_view name);

// One order as the store keeps it. Empty strings and nullopt mean "not known".
struct Order {
    std::string order_id;
    std::string marketplace;
    std::optional<core::TimePoint> purchase_date;
    std::optional<core::TimePoint> ship_by;
    std::optional<core::TimePoint> deliver_by;
    OrderStatus status = OrderStatus::awaiting;
    std::string carrier; // as declared by the seller: a code or a name
    std::string tracking_number;
    std::optional<core::TimePoint> ship_confirmed_at;
    std::optional<core::TimePoint> first_scan_at;
    std::string category;
    std::string service_level;
    std::string ship_from_country; // ISO 3166 alpha-2, as imported
    std::string ship_to_country;
    std::optional<double> order_value;                   // incl. shipping, excl. tax, in `currency`
    std::string currency;                                // ISO 4217
    std::optional<core::TimePoint> tracking_uploaded_at; // when the number reached the marketplace

    bool is_open() const { return status == OrderStatus::awaiting; }

    bool operator==(const Order&) const = default;
};

// The order fields an import row may carry, one bit each.
enum class OrderField : std::uint16_t {
    marketplace = 1U << 0U,
    purchase_date = 1U << 1U,
    ship_by = 1U << 2U,
    deliver_by = 1U << 3U,
    status = 1U << 4U,
    carrier = 1U << 5U,
    tracking_number = 1U << 6U,
    ship_confirmed_at = 1U << 7U,
    first_scan_at = 1U << 8U,
    category = 1U << 9U,
    service_level = 1U << 10U,
    ship_from_country = 1U << 11U,
    ship_to_country = 1U << 12U,
    order_value = 1U << 13U,
    currency = 1U << 14U,
    tracking_uploaded_at = 1U << 15U,
};

// Some fields of one order: those in `carried` replace the stored ones, the others stay.
struct OrderPatch {
    Order values; // values.order_id names the order
    std::uint16_t carried = 0;

    bool carries(OrderField field) const {
        return (carried & static_cast<std::uint16_t>(field)) != 0;
    }

    void set(OrderField field) {
        carried = static_cast<std::uint16_t>(carried | static_cast<std::uint16_t>(field));
    }
};

// `order` with the carried fields of `patch` applied. Pure.
Order apply_patch(Order order, const OrderPatch& patch);

} // namespace vtrguard::store
