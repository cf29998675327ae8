#include <vtrguard/report/history.hpp>

#include <algorithm>

namespace vtrguard::report {

namespace {

constexpr std::chrono::seconds k_day{std::chrono::hours{24}};

// The rolling window in whole days, at least one.
std::int64_t days_of(std::chrono::seconds window) {
    return std::max<std::int64_t>(1, (window + k_day - std::chrono::seconds{1}) / k_day);
}

} // namespace

std::pair<core::TimePoint, core::TimePoint> history_range(core::TimePoint now,
                                                          int days,
                                                          std::chrono::seconds window,
                                                          const core::TimeZone& zone) {
    const auto today = zone.local_day(now);
    const auto first = today - std::chrono::days{days - 1 + days_of(window) - 1};
    return {zone.day_start(first), zone.day_start(today + std::chrono::days{1})};
}

History build_history(std::span<const Shipment> shipments,
                      std::span<const config::MarketplacePolicy> policies,
                      core::TimePoint now,
                      int days,
                      std::chrono::seconds window,
                      const core::TimeZone& zone) {
    History history;
    history.zone = zone;
    const auto& policy = config::policy_for(policies, "");
    history.threshold = policy.threshold;
    history.warning = policy.warning;
    const auto first_day = zone.local_day(now) - std::chrono::days{days - 1};
    history.from = zone.day_start(first_day);
    const auto [base, to] = history_range(now, days, window, zone);
    history.to = to;
    const auto outcomes = evaluate_all(shipments, policies, now);
    history.period = summarize(shipments, outcomes, history.from, history.to);

    // Per-day counts from the start of the first day's window, then a running window sum.
    const auto window_days = days_of(window);
    const auto base_day = zone.local_day(base);
    const auto slots = static_cast<std::size_t>(window_days - 1 + days);
    std::vector<Counts> per_day(slots);
    std::array<CauseStats, k_cause_count> causes{};
    for (std::size_t i = 0; i < shipments.size(); ++i) {
        const auto date = shipments[i].window_date();
        if (!date || *date < base || *date >= history.to) {
            continue;
        }
        per_day[static_cast<std::size_t>((zone.local_day(*date) - base_day).count())].add(
            outcomes[i]);
        if (*date < history.from || outcomes[i].status != Status::not_valid) {
            continue;
        }
        auto& stats = causes.at(static_cast<std::size_t>(outcomes[i].cause));
        if (stats.count == 0 || *date < stats.first) {
            stats.first = *date;
        }
        stats.last = std::max(stats.last, *date);
        ++stats.count;
        history.failing.push_back({i,
                                   outcomes[i].cause,
                                   evidence(shipments[i],
                                            outcomes[i],
                                            config::policy_for(policies, shipments[i].marketplace),
                                            zone)});
    }
    std::vector<Counts> prefix(slots + 1);
    for (std::size_t s = 0; s < slots; ++s) {
        prefix[s + 1] = prefix[s];
        prefix[s + 1].add(per_day[s]);
    }
    for (int d = 0; d < days; ++d) {
        const auto end = static_cast<std::size_t>(window_days + d);
        const auto begin = static_cast<std::size_t>(d);
        Counts counts = prefix[end];
        // Subtract the days before the window: the counts only ever add up.
        const Counts& before = prefix[begin];
        counts.total -= before.total;
        counts.valid -= before.valid;
        counts.not_valid -= before.not_valid;
        counts.pending -= before.pending;
        counts.exempt -= before.exempt;
        counts.cancelled -= before.cancelled;
        counts.lane_unverified -= before.lane_unverified;
        for (std::size_t c = 0; c < k_cause_count; ++c) {
            counts.causes.at(c) -= before.causes.at(c);
        }
        history.days.push_back({zone.day_start(first_day + std::chrono::days{d}), counts});
    }
    for (std::size_t c = 0; c < k_cause_count; ++c) {
        causes.at(c).cause = static_cast<Cause>(c);
        if (causes.at(c).count > 0) {
            history.causes.push_back(causes.at(c));
        }
    }
    std::stable_sort(history.causes.begin(),
                     history.causes.end(),
                     [](const auto& a, const auto& b) { return a.count > b.count; });
    std::sort(history.failing.begin(), history.failing.end(), [&](const auto& a, const auto& b) {
        const auto& left = shipments[a.index];
        const auto& right = shipments[b.index];
        const auto left_date = *left.window_date();
        const auto right_date = *right.window_date();
        return left_date != right_date ? left_date < right_date : left.order_id < right.order_id;
    });
    return history;
}

} // namespace vtrguard::report
