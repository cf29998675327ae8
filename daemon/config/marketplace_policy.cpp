#include <vtrguard/config/marketplace_policy.hpp>

#include <algorithm>
#include <cassert>
#include <cctype>

namespace vtrguard::config {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
               == std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

std::vector<MarketplacePolicy> default_marketplaces() {
    MarketplacePolicy amazon;
    // The codes of the carriers vtrguard knows whose scans Amazon receives; sellers add the
    // rest (China Post, 4PX, Yanwen…) by name in the configuration.
    amazon.integrated_carriers = {"amazon",
                                  "canada_post",
                                  "canpar",
                                  "dhl",
                                  "dpd",
                                  "fedex",
                                  "lasership",
                                  "ontrac",
                                  "purolator",
                                  "ups",
                                  "usps",
                                  "yodel",
                                  "yunexpress",
                                  "china post",
                                  "4px",
                                  "yanwen"};
    amazon.exempt_service_levels = {"standard mail", "first-class mail letter", "untracked"};
    amazon.scan_lanes = {ScanLane{{"CN", "CA", "AS", "UM"}, "US", 5.0, 2},
                         ScanLane{{"IN", "GB"}, "US", 15.0, 2}};
    return {amazon};
}

const MarketplacePolicy& policy_for(std::span<const MarketplacePolicy> policies,
                                    std::string_view marketplace) {
    assert(!policies.empty());
    const MarketplacePolicy* fallback = &policies.front();
    for (const auto& policy : policies) {
        if (equals_ignoring_case(policy.name, marketplace)) {
            return policy;
        }
        if (policy.name == "default") {
            fallback = &policy;
        }
    }
    return *fallback;
}

} // namespace vtrguard::config
