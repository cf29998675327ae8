#pragma once

#include <vtrguard/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace vtrguard::store {

// The `source` of the seller's own copy of a package in table packages: the number the seller
// gave (a CSV, the inbox) where a marketplace holds another one.
inline constexpr std::string_view k_seller_source = "seller";

// One package of an order as a marketplace holds it (table packages).
struct MarketplacePackage {
    std::string package_ref;  // the marketplace's package reference
    std::string carrier;      // a carrier code when the marketplace's name resolves to one
    std::string carrier_name; // as the marketplace spells it
    std::string tracking_number;
    std::optional<core::TimePoint> ship_time;
    std::string status; // the marketplace's package status: IN_TRANSIT/PICKED_UP…

    bool operator==(const MarketplacePackage&) const = default;
};

// The seller's copy of a package beside the marketplace's, for the mismatch check.
struct PackageCopies {
    std::string order_id;
    std::string package_ref;
    std::string source; // the marketplace's: `amazon:main`
    std::string seller_carrier;
    std::string seller_number;
    std::string marketplace_carrier;
    std::string marketplace_number;

    bool operator==(const PackageCopies&) const = default;
};

// What one source has done for one marketplace (table source_marketplaces).
struct SourceStatus {
    std::string source;
    std::string marketplace;
    std::optional<core::TimePoint> watermark; // orders updated before this are stored
    std::optional<core::TimePoint> last_poll_at;
    std::int64_t orders_seen = 0; // order records received, all polls together
    std::string last_error;       // empty after a successful poll
};

} // namespace vtrguard::store
