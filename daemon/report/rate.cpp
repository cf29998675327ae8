#include <vtrguard/report/rate.hpp>

#include <algorithm>
#include <map>

namespace vtrguard::report {

namespace {

std::optional<double> percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) {
        return std::nullopt;
    }
    return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::vector<Breakdown> to_breakdowns(std::map<std::string, Counts, std::less<>>& groups) {
    std::vector<Breakdown> out;
    out.reserve(groups.size());
    for (auto& [name, counts] : groups) {
        out.push_back({name, counts});
    }
    return out;
}

Counts& group(std::map<std::string, Counts, std::less<>>& groups, std::string_view name) {
    if (name.empty()) {
        name = k_unknown_group;
    }
    auto found = groups.find(name);
    if (found == groups.end()) {
        found = groups.emplace(std::string(name), Counts{}).first;
    }
    return found->second;
}

} // namespace

void Counts::add(const Outcome& outcome) {
    switch (outcome.status) {
    case Status::valid:
        ++valid;
        ++total;
        lane_unverified += outcome.is_lane_unverified ? 1 : 0;
        break;
    case Status::not_valid:
        ++not_valid;
        ++total;
        ++causes.at(static_cast<std::size_t>(outcome.cause));
        break;
    case Status::pending:
        ++pending;
        ++total;
        break;
    case Status::exempt:
        ++exempt;
        break;
    case Status::not_counted:
        ++cancelled;
        break;
    }
}

void Counts::add(const Counts& other) {
    total += other.total;
    valid += other.valid;
    not_valid += other.not_valid;
    pending += other.pending;
    exempt += other.exempt;
    cancelled += other.cancelled;
    lane_unverified += other.lane_unverified;
    for (std::size_t i = 0; i < causes.size(); ++i) {
        causes.at(i) += other.causes.at(i);
    }
}

std::optional<double> Counts::rate() const {
    return percent(valid, valid + not_valid);
}

std::optional<double> Counts::best_case() const {
    return percent(valid + pending, total);
}

std::optional<double> Counts::worst_case() const {
    return percent(valid, total);
}

VtrSummary summarize(std::span<const Shipment> shipments,
                     std::span<const Outcome> outcomes,
                     core::TimePoint from,
                     core::TimePoint to) {
    VtrSummary summary{from, to};
    std::map<std::string, Counts, std::less<>> categories;
    std::map<std::string, Counts, std::less<>> carriers;
    std::map<std::string, Counts, std::less<>> marketplaces;
    // Consecutive shipments often share their groups; keep the last ones at hand.
    Counts* category = nullptr;
    Counts* carrier = nullptr;
    Counts* marketplace = nullptr;
    std::string_view last_category;
    std::string_view last_carrier;
    std::string_view last_marketplace;
    for (std::size_t i = 0; i < shipments.size(); ++i) {
        const auto& shipment = shipments[i];
        const auto date = shipment.window_date();
        if (!date || *date < from || *date >= to) {
            continue;
        }
        const auto& outcome = outcomes[i];
        if (category == nullptr || shipment.category != last_category) {
            category = &group(categories, shipment.category);
            last_category = shipment.category;
        }
        if (carrier == nullptr || shipment.carrier_code != last_carrier) {
            carrier = &group(carriers, shipment.carrier_code);
            last_carrier = shipment.carrier_code;
        }
        if (marketplace == nullptr || shipment.marketplace != last_marketplace) {
            marketplace = &group(marketplaces, shipment.marketplace);
            last_marketplace = shipment.marketplace;
        }
        summary.overall.add(outcome);
        category->add(outcome);
        carrier->add(outcome);
        marketplace->add(outcome);
    }
    summary.by_category = to_breakdowns(categories);
    summary.by_carrier = to_breakdowns(carriers);
    summary.by_marketplace = to_breakdowns(marketplaces);
    return summary;
}

VtrSummary compute_vtr(std::span<const Shipment> shipments,
                       std::span<const config::MarketplacePolicy> policies,
                       core::TimePoint now,
                       std::chrono::seconds window) {
    const auto outcomes = evaluate_all(shipments, policies, now);
    // A shipment promised for exactly `now` is in; one promised `window` ago is out.
    return summarize(
        shipments, outcomes, now - window + std::chrono::seconds{1}, now + std::chrono::seconds{1});
}

} // namespace vtrguard::report
