#include <vtrguard/sources/order_mapping.hpp>

#include <algorithm>
#include <cctype>

namespace vtrguard::sources {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return out;
}

} // namespace

std::optional<store::OrderStatus> order_status(std::string_view fulfillment_status) {
    using store::OrderStatus;
    if (fulfillment_status == "UNSHIPPED" || fulfillment_status == "PARTIALLY_SHIPPED"
        || fulfillment_status == "PENDING" || fulfillment_status == "PENDING_AVAILABILITY") {
        return OrderStatus::awaiting;
    }
    if (fulfillment_status == "SHIPPED") {
        return OrderStatus::shipped;
    }
    if (fulfillment_status == "CANCELLED" || fulfillment_status == "UNFULFILLABLE") {
        return OrderStatus::cancelled;
    }
    return std::nullopt;
}

std::string carrier_code(std::string_view amazon_name, const carriers::Ruleset& rules) {
    if (const auto id = rules.find_carrier(amazon_name)) {
        return std::string(rules.carrier(*id).code);
    }
    return std::string(amazon_name);
}

MappedOrder map_order(const SpOrder& order, const carriers::Ruleset& rules) {
    using store::OrderField;
    MappedOrder mapped;
    auto& patch = mapped.patch;
    auto& values = patch.values;
    values.order_id = order.order_id;
    values.marketplace =
        order.sales_channel.empty() ? order.marketplace_id : lower(order.sales_channel);
    patch.set(OrderField::marketplace);
    values.purchase_date = order.created;
    patch.set(OrderField::purchase_date);
    if (order.ship_by) {
        values.ship_by = order.ship_by;
        patch.set(OrderField::ship_by);
    }
    if (order.deliver_by) {
        values.deliver_by = order.deliver_by;
        patch.set(OrderField::deliver_by);
    }
    if (const auto status = order_status(order.fulfillment_status)) {
        values.status = *status;
        patch.set(OrderField::status);
    }
    if (!order.service_level.empty()) {
        values.service_level = order.service_level;
        patch.set(OrderField::service_level);
    }
    for (const auto& package : order.packages) {
        store::MarketplacePackage stored;
        stored.package_ref = package.reference;
        stored.carrier_name = package.carrier;
        stored.carrier = package.carrier.empty() ? "" : carrier_code(package.carrier, rules);
        stored.tracking_number = package.tracking_number;
        stored.ship_time = package.ship_time;
        stored.status = package.detailed_status.empty() ? package.status : package.detailed_status;
        mapped.packages.push_back(std::move(stored));
    }
    if (!mapped.packages.empty() && !mapped.packages.front().tracking_number.empty()) {
        const auto& first = mapped.packages.front();
        values.carrier = first.carrier;
        values.tracking_number = first.tracking_number;
        patch.set(OrderField::carrier);
        patch.set(OrderField::tracking_number);
        if (first.ship_time) {
            values.ship_confirmed_at = first.ship_time;
            patch.set(OrderField::ship_confirmed_at);
        }
        if (is_scanned_status(order.packages.front())) {
            mapped.marketplace_scan_at = first.ship_time.value_or(order.last_updated);
        }
    }
    return mapped;
}

std::string source_key(std::string_view account_name) {
    return "amazon:" + std::string(account_name);
}

} // namespace vtrguard::sources
