#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/sources/sp_api.hpp>
#include <vtrguard/store/order.hpp>
#include <vtrguard/store/package.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::sources {

// An Amazon order as the store keeps it (the table in docs/sources.md).
struct MappedOrder {
    store::OrderPatch patch; // the first package sets the order's carrier and number
    std::vector<store::MarketplacePackage> packages;
    // When Amazon's own package status says the carrier has the first package: its ship time
    // (or the order's last update). The caller sets it as the order's first scan when the
    // order has none from a carrier.
    std::optional<core::TimePoint> marketplace_scan_at;
};

// `awaiting`, `shipped` or `cancelled` for a fulfillmentStatus; nullopt for an unknown one.
std::optional<store::OrderStatus> order_status(std::string_view fulfillment_status);

// The carrier code Amazon's carrier name resolves to in `rules` (`UPS` → `ups`, `Yun Express`
// → `yunexpress`), or the name itself when none matches.
std::string carrier_code(std::string_view amazon_name, const carriers::Ruleset& rules);

// The mapping of one searchOrders order. Pure.
MappedOrder map_order(const SpOrder& order, const carriers::Ruleset& rules);

// The `source` column value of an account's packages: `amazon:NAME`.
std::string source_key(std::string_view account_name);

} // namespace vtrguard::sources
