#include <vtrguard/report/rate.hpp>

#include <algorithm>

namespace vtrguard::report {

namespace {

std::optional<double> percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) {
        return std::nullopt;
    }
    return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::vector<Breakdown> to_breakdowns(const std::map<std::string, Counts, std::less<>>& groups) {
    std::vector<Breakdown> out;
    out.reserve(groups.size());
    for (const auto& [name, counts] : groups) {
        out.push_back({name, counts});
    }
    return out;
}

} // namespace

void Counts::add(const Outcome& outcome) {
    change(outcome, 1);
}

void Counts::remove(const Outcome& outcome) {
    change(outcome, -1);
}

void Counts::change(const Outcome& outcome, std::int64_t count) {
    switch (outcome.status) {
    case Status::valid:
        valid += count;
        total += count;
        lane_unverified += outcome.is_lane_unverified ? count : 0;
        break;
    case Status::not_valid:
        not_valid += count;
        total += count;
        causes.at(static_cast<std::size_t>(outcome.cause)) += count;
        break;
    case Status::pending:
        pending += count;
        total += count;
        break;
    case Status::exempt:
        exempt += count;
        break;
    case Status::not_counted:
        cancelled += count;
        break;
    }
}

void Counts::add(const Counts& other) {
    change(other, 1);
}

void Counts::remove(const Counts& other) {
    change(other, -1);
}

void Counts::change(const Counts& other, std::int64_t sign) {
    total += sign * other.total;
    valid += sign * other.valid;
    not_valid += sign * other.not_valid;
    pending += sign * other.pending;
    exempt += sign * other.exempt;
    cancelled += sign * other.cancelled;
    lane_unverified += sign * other.lane_unverified;
    for (std::size_t i = 0; i < causes.size(); ++i) {
        causes.at(i) += sign * other.causes.at(i);
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

Counts& SummaryBuilder::Cursor::at(Groups& groups, std::string_view wanted) {
    if (wanted.empty()) {
        wanted = k_unknown_group;
    }
    if (counts == nullptr || wanted != name) {
        auto found = groups.find(wanted);
        if (found == groups.end()) {
            found = groups.emplace(std::string(wanted), Counts{}).first;
        }
        name = found->first;
        counts = &found->second;
    }
    return *counts;
}

SummaryBuilder::SummaryBuilder(core::TimePoint from, core::TimePoint to)
    : m_summary{from, to} {}

void SummaryBuilder::add(const Shipment& shipment, const Outcome& outcome, int count) {
    const auto date = shipment.window_date();
    if (!date || *date < m_summary.from || *date >= m_summary.to) {
        return;
    }
    for (auto* counts : {&m_summary.overall,
                         &m_category.at(m_categories, shipment.category),
                         &m_carrier.at(m_carriers, shipment.carrier_code),
                         &m_marketplace.at(m_marketplaces, shipment.marketplace)}) {
        if (count > 0) {
            counts->add(outcome);
        } else {
            counts->remove(outcome);
        }
    }
}

VtrSummary SummaryBuilder::finish() const {
    VtrSummary summary = m_summary;
    summary.by_category = to_breakdowns(m_categories);
    summary.by_carrier = to_breakdowns(m_carriers);
    summary.by_marketplace = to_breakdowns(m_marketplaces);
    return summary;
}

VtrSummary summarize(std::span<const Shipment> shipments,
                     std::span<const Outcome> outcomes,
                     core::TimePoint from,
                     core::TimePoint to) {
    SummaryBuilder builder(from, to);
    for (std::size_t i = 0; i < shipments.size(); ++i) {
        builder.add(shipments[i], outcomes[i]);
    }
    return builder.finish();
}

std::pair<core::TimePoint, core::TimePoint> rate_window(core::TimePoint now,
                                                        std::chrono::seconds window) {
    return {now - window + std::chrono::seconds{1}, now + std::chrono::seconds{1}};
}

std::pair<core::TimePoint, core::TimePoint> rate_read_range(core::TimePoint now,
                                                            std::chrono::seconds window) {
    return {now - window, now + std::chrono::seconds{1}};
}

VtrSummary compute_vtr(std::span<const Shipment> shipments,
                       std::span<const config::MarketplacePolicy> policies,
                       core::TimePoint now,
                       std::chrono::seconds window) {
    const auto outcomes = evaluate_all(shipments, policies, now);
    const auto [from, to] = rate_window(now, window);
    return summarize(shipments, outcomes, from, to);
}

} // namespace vtrguard::report
