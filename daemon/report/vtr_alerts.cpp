#include <vtrguard/core/text.hpp>
#include <vtrguard/report/vtr_alerts.hpp>
#include <vtrguard/report/vtr_format.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace vtrguard::report {

namespace {

RateLevel level_of(const Counts& counts, const config::MarketplacePolicy& policy) {
    const auto worst = counts.worst_case().value_or(100.0);
    if (worst < policy.threshold) {
        return RateLevel::below_threshold;
    }
    return worst < policy.warning ? RateLevel::warning : RateLevel::ok;
}

} // namespace

std::string_view rate_level_name(RateLevel level) {
    switch (level) {
    case RateLevel::ok:
        return "ok";
    case RateLevel::warning:
        return "warning";
    case RateLevel::below_threshold:
        return "below_threshold";
    }
    return "ok";
}

std::optional<RateLevel> parse_rate_level(std::string_view name) {
    for (const auto level : {RateLevel::ok, RateLevel::warning, RateLevel::below_threshold}) {
        if (rate_level_name(level) == name) {
            return level;
        }
    }
    return std::nullopt;
}

std::vector<VtrAlert> decide_vtr_alerts(std::span<const RateState> previous,
                                        std::span<const Breakdown> by_marketplace_category,
                                        std::span<const config::MarketplacePolicy> policies) {
    std::vector<VtrAlert> alerts;
    for (const auto& line : by_marketplace_category) {
        if (line.counts.total == 0) {
            continue;
        }
        const auto tab = line.name.find('\t');
        RateState state{line.name.substr(0, tab),
                        tab == std::string::npos ? std::string() : line.name.substr(tab + 1)};
        const auto& policy = config::policy_for(policies, state.marketplace);
        state.level = level_of(line.counts, policy);
        const auto known = std::find_if(previous.begin(), previous.end(), [&](const auto& old) {
            return old.marketplace == state.marketplace && old.category == state.category;
        });
        const RateLevel before = known == previous.end() ? RateLevel::ok : known->level;
        if (before == state.level) {
            continue;
        }
        VtrAlert alert{{}, state, before, line.counts, policy.warning};
        switch (state.level) {
        case RateLevel::below_threshold:
            alert.code = "vtr_below_threshold";
            alert.line = policy.threshold;
            break;
        case RateLevel::warning:
            alert.code = "vtr_below_warning";
            break;
        case RateLevel::ok:
            alert.code = "vtr_recovered";
            break;
        }
        alerts.push_back(std::move(alert));
    }
    return alerts;
}

MarketplaceCategoryCounts::MarketplaceCategoryCounts(core::TimePoint from, core::TimePoint to)
    : m_from(from)
    , m_to(to) {}

void MarketplaceCategoryCounts::add(const Shipment& shipment, const Outcome& outcome) {
    const auto date = shipment.window_date();
    if (!date || *date < m_from || *date >= m_to) {
        return;
    }
    m_key = shipment.marketplace;
    m_key.push_back('\t');
    m_key.append(shipment.category.empty() ? k_unknown_group : shipment.category);
    m_groups[m_key].add(outcome);
}

std::vector<Breakdown> MarketplaceCategoryCounts::finish() const {
    std::vector<Breakdown> out;
    for (const auto& [name, counts] : m_groups) {
        out.push_back({name, counts});
    }
    return out;
}

std::string vtr_alert_text(const VtrAlert& alert) {
    return fmt::format("alert={} marketplace={} category={} level={} previous={} rate={} "
                       "worst_case={} line={:.2f} valid={} not_valid={} pending={}",
                       alert.code,
                       core::printable(alert.state.marketplace.empty()
                                           ? std::string(k_unknown_group)
                                           : alert.state.marketplace),
                       core::printable(alert.state.category),
                       rate_level_name(alert.state.level),
                       rate_level_name(alert.previous),
                       percent_text(alert.counts.rate(), "null"),
                       percent_text(alert.counts.worst_case(), "null"),
                       alert.line,
                       alert.counts.valid,
                       alert.counts.not_valid,
                       alert.counts.pending);
}

} // namespace vtrguard::report
