#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::config {

// Parcels on this lane worth at least `min_value` need `scans` carrier scans (a facility scan
// and a delivery or delivery-attempt scan) to count as validly tracked.
struct ScanLane {
    std::vector<std::string> from; // ISO 3166 alpha-2 origins, upper case
    std::string to;                // ISO 3166 alpha-2 destination, upper case
    double min_value = 5.0;        // in the order's currency
    int scans = 2;
};

// What one marketplace counts as valid tracking (docs/reports.md, marketplace-policy.md).
struct MarketplacePolicy {
    std::string name = "default"; // matched case-insensitively against orders' marketplace
    double threshold = 95.0;      // percent; below it the category is at risk of removal
    double warning = 97.0;        // percent; below it vtrguard warns
    // Carrier codes or names (lower case) whose scans the marketplace receives. "other" never
    // counts, even when listed.
    std::vector<std::string> integrated_carriers;
    // Service levels the marketplace does not measure (lower case), when the order is worth
    // less than `exempt_below_value`.
    std::vector<std::string> exempt_service_levels;
    double exempt_below_value = 10.0;
    std::vector<ScanLane> scan_lanes;
    // A shipment with no scan this long after ship-confirm is no longer pending.
    std::chrono::seconds no_scan_after{std::chrono::hours{24 * 7}};
};

// The built-in policy: Amazon's rules, applied to every marketplace.
std::vector<MarketplacePolicy> default_marketplaces();

// The policy named like `marketplace` (case-insensitive), else the one named "default", else
// the first. `policies` must not be empty.
const MarketplacePolicy& policy_for(std::span<const MarketplacePolicy> policies,
                                    std::string_view marketplace);

} // namespace vtrguard::config
