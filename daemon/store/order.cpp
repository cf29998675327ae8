#include <vtrguard/store/order.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace vtrguard::store {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
               == std::tolower(static_cast<unsigned char>(y));
    });
}

template <typename T>
void take(const OrderPatch& patch, OrderField field, T Order::*member, Order& order) {
    if (patch.carries(field)) {
        order.*member = patch.values.*member;
    }
}

} // namespace

std::string_view status_name(OrderStatus status) {
    switch (status) {
    case OrderStatus::awaiting:
        return "awaiting";
    case OrderStatus::shipped:
        return "shipped";
    case OrderStatus::cancelled:
        return "cancelled";
    }
    return "awaiting";
}

std::optional<OrderStatus> parse_status(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, OrderStatus>, 7> k_names{{
        {"awaiting", OrderStatus::awaiting},
        {"unshipped", OrderStatus::awaiting},
        {"pending", OrderStatus::awaiting},
        {"shipped", OrderStatus::shipped},
        {"cancelled", OrderStatus::cancelled},
        {"canceled", OrderStatus::cancelled},
        {"canceled_by_buyer", OrderStatus::cancelled},
    }};
    // The stored names are written as spelled here: an exact match first, then any case.
    for (const auto& [text, status] : k_names) {
        if (text == name) {
            return status;
        }
    }
    for (const auto& [text, status] : k_names) {
        if (equals_ignoring_case(text, name)) {
            return status;
        }
    }
    return std::nullopt;
}

Order apply_patch(Order order, const OrderPatch& patch) {
    take(patch, OrderField::marketplace, &Order::marketplace, order);
    take(patch, OrderField::purchase_date, &Order::purchase_date, order);
    take(patch, OrderField::ship_by, &Order::ship_by, order);
    take(patch, OrderField::deliver_by, &Order::deliver_by, order);
    take(patch, OrderField::status, &Order::status, order);
    take(patch, OrderField::carrier, &Order::carrier, order);
    take(patch, OrderField::tracking_number, &Order::tracking_number, order);
    take(patch, OrderField::ship_confirmed_at, &Order::ship_confirmed_at, order);
    take(patch, OrderField::first_scan_at, &Order::first_scan_at, order);
    take(patch, OrderField::category, &Order::category, order);
    take(patch, OrderField::service_level, &Order::service_level, order);
    take(patch, OrderField::ship_from_country, &Order::ship_from_country, order);
    take(patch, OrderField::ship_to_country, &Order::ship_to_country, order);
    take(patch, OrderField::order_value, &Order::order_value, order);
    take(patch, OrderField::currency, &Order::currency, order);
    take(patch, OrderField::tracking_uploaded_at, &Order::tracking_uploaded_at, order);
    return order;
}

} // namespace vtrguard::store
