#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/report/rate.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vtrguard::report {

// Where one category's rate stands against its marketplace's lines.
enum class RateLevel : std::uint8_t { ok, warning, below_threshold };

// `ok`, `warning`, `below_threshold`: the text stored in vtr_alert_state.
std::string_view rate_level_name(RateLevel level);
std::optional<RateLevel> parse_rate_level(std::string_view name);

// The level a (marketplace, category) was last reported at.
struct RateState {
    std::string marketplace;
    std::string category;
    RateLevel level = RateLevel::ok;
};

// One crossing: `vtr_below_warning`, `vtr_below_threshold` or `vtr_recovered`.
struct VtrAlert {
    std::string_view code;
    RateState state; // the new level
    RateLevel previous = RateLevel::ok;
    Counts counts;
    double line = 0; // the line crossed: the threshold or the warning margin
};

// The crossings since `previous`: each (marketplace, category) of `summaries` whose worst
// case (pending counted as not valid) moved to another level. A category without shipments
// keeps its level. Pure.
std::vector<VtrAlert> decide_vtr_alerts(std::span<const RateState> previous,
                                        std::span<const Breakdown> by_marketplace_category,
                                        std::span<const config::MarketplacePolicy> policies);

// Sums outcomes per `marketplace` + '\t' + `category`, for the alerts, as shipments come one
// at a time; holds only the counts. Not thread-safe.
class MarketplaceCategoryCounts {
public:
    // Counts the shipments whose window date lies in [from, to).
    MarketplaceCategoryCounts(core::TimePoint from, core::TimePoint to);

    void add(const Shipment& shipment, const Outcome& outcome);

    // The counts, sorted by name.
    std::vector<Breakdown> finish() const;

private:
    core::TimePoint m_from;
    core::TimePoint m_to;
    std::map<std::string, Counts, std::less<>> m_groups;
    std::string m_key; // reused for each shipment
};

// The alert as one log line: `alert=vtr_below_threshold marketplace=… category=… rate=…`.
std::string vtr_alert_text(const VtrAlert& alert);

} // namespace vtrguard::report
