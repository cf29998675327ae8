#include <vtrguard/report/history.hpp>

#include <algorithm>
#include <functional>
#include <tuple>

namespace vtrguard::report {

namespace {

constexpr std::chrono::seconds k_day{std::chrono::hours{24}};

// The rolling window in whole days, at least one.
std::int64_t days_of(std::chrono::seconds window) {
    return std::max<std::int64_t>(1, (window + k_day - std::chrono::seconds{1}) / k_day);
}

std::uint64_t hash_of(std::string_view key) {
    return std::hash<std::string_view>{}(key);
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

HistoryBuilder::HistoryBuilder(std::span<const config::MarketplacePolicy> policies,
                               core::TimePoint now,
                               int days,
                               std::chrono::seconds window,
                               const core::TimeZone& zone)
    : m_policies(policies.begin(), policies.end())
    , m_policy(m_policies)
    , m_now(now)
    , m_days(days)
    , m_window_days(days_of(window))
    , m_first(zone.local_day(now) - std::chrono::days{days - 1})
    , m_period(zone.day_start(m_first), history_range(now, days, window, zone).second)
    , m_per_day(static_cast<std::size_t>(m_window_days - 1 + days)) {
    m_history.zone = zone;
    const auto& policy = config::policy_for(policies, "");
    m_history.threshold = policy.threshold;
    m_history.warning = policy.warning;
    m_history.from = zone.day_start(m_first);
    std::tie(m_base, m_history.to) = history_range(now, days, window, zone);
}

std::size_t HistoryBuilder::slot_of(core::TimePoint date) const {
    const auto base_day = m_first - std::chrono::days{m_window_days - 1};
    return static_cast<std::size_t>((m_history.zone.local_day(date) - base_day).count());
}

void HistoryBuilder::count(const Shipment& shipment, const Outcome& outcome, int count) {
    auto& day = m_per_day.at(slot_of(*shipment.window_date()));
    if (count > 0) {
        day.add(outcome);
    } else {
        day.remove(outcome);
    }
    m_period.add(shipment, outcome, count);
}

void HistoryBuilder::add(const Shipment& shipment, std::int64_t id) {
    const auto date = shipment.window_date();
    if (!date || *date < m_base || *date >= m_history.to) {
        return;
    }
    // Judged as if its number were on no other order; finish() corrects the few that are.
    const auto outcome = evaluate(shipment, m_policy.of(shipment), false, m_now);
    count(shipment, outcome, 1);
    if (const auto key = number_key(shipment); !key.empty() && !shipment.is_cancelled) {
        m_numbers.push_back({hash_of(key), id});
    }
    if (outcome.status == Status::not_valid && *date >= m_history.from) {
        m_history.failing.push_back({id, shipment, outcome.cause, {}});
    }
}

std::vector<std::int64_t> HistoryBuilder::reuse_candidates() const {
    // Sorting the bare hashes is cheaper than sorting the pairs; shared ones are few.
    std::vector<std::uint64_t> hashes;
    hashes.reserve(m_numbers.size());
    for (const auto& number : m_numbers) {
        hashes.push_back(number.hash);
    }
    std::sort(hashes.begin(), hashes.end());
    std::vector<std::uint64_t> shared;
    for (std::size_t i = 1; i < hashes.size(); ++i) {
        if (hashes[i] == hashes[i - 1] && (shared.empty() || shared.back() != hashes[i])) {
            shared.push_back(hashes[i]);
        }
    }
    std::vector<std::int64_t> ids;
    if (!shared.empty()) {
        for (const auto& number : m_numbers) {
            if (std::binary_search(shared.begin(), shared.end(), number.hash)) {
                ids.push_back(number.id);
            }
        }
    }
    return ids;
}

void HistoryBuilder::mark_reused(const IdentifiedShipment& candidate,
                                 std::unordered_map<std::int64_t, std::size_t>& listed) {
    const auto& [id, shipment] = candidate;
    const auto& policy = m_policy.of(shipment);
    const auto counted = evaluate(shipment, policy, false, m_now);
    const auto outcome = evaluate(shipment, policy, true, m_now);
    if (outcome == counted) {
        return; // an earlier cause stands
    }
    count(shipment, counted, -1);
    count(shipment, outcome, 1);
    if (*shipment.window_date() < m_history.from) {
        return;
    }
    auto& failing = m_history.failing;
    if (listed.empty()) {
        for (std::size_t i = 0; i < failing.size(); ++i) {
            listed.emplace(failing[i].id, i);
        }
    }
    if (const auto found = listed.find(id); found != listed.end()) {
        failing[found->second].cause = outcome.cause;
    } else {
        listed.emplace(id, failing.size());
        failing.push_back({id, shipment, outcome.cause, {}});
    }
}

std::vector<DayPoint> HistoryBuilder::rolling_days() const {
    std::vector<Counts> prefix(m_per_day.size() + 1);
    for (std::size_t s = 0; s < m_per_day.size(); ++s) {
        prefix[s + 1] = prefix[s];
        prefix[s + 1].add(m_per_day[s]);
    }
    std::vector<DayPoint> days;
    for (int d = 0; d < m_days; ++d) {
        Counts counts = prefix.at(static_cast<std::size_t>(m_window_days + d));
        // Subtract the days before the window: the counts only ever add up.
        counts.remove(prefix.at(static_cast<std::size_t>(d)));
        days.push_back({m_history.zone.day_start(m_first + std::chrono::days{d}), counts});
    }
    return days;
}

History HistoryBuilder::finish(std::span<const IdentifiedShipment> candidates) && {
    // Same hash is not yet same number: group the candidates by the number itself.
    std::unordered_map<std::string_view, std::vector<const IdentifiedShipment*>> holders;
    for (const auto& candidate : candidates) {
        const auto key = number_key(candidate.second);
        if (!key.empty() && !candidate.second.is_cancelled) {
            holders[key].push_back(&candidate);
        }
    }
    std::unordered_map<std::int64_t, std::size_t> listed; // failing order by id
    for (const auto& [key, shipments] : holders) {
        if (shipments.size() > 1) {
            for (const auto* shipment : shipments) {
                mark_reused(*shipment, listed);
            }
        }
    }
    auto history = std::move(m_history);
    history.period = m_period.finish();
    history.days = rolling_days();
    std::array<CauseStats, k_cause_count> causes{};
    for (auto& order : history.failing) {
        const auto date = *order.shipment.window_date();
        auto& stats = causes.at(static_cast<std::size_t>(order.cause));
        if (stats.count == 0 || date < stats.first) {
            stats.first = date;
        }
        stats.last = std::max(stats.last, date);
        ++stats.count;
        order.evidence = evidence(order.shipment,
                                  {Status::not_valid, order.cause},
                                  m_policy.of(order.shipment),
                                  history.zone);
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
    std::sort(history.failing.begin(), history.failing.end(), [](const auto& a, const auto& b) {
        const auto left = *a.shipment.window_date();
        const auto right = *b.shipment.window_date();
        return left != right ? left < right : a.shipment.order_id < b.shipment.order_id;
    });
    return history;
}

History build_history(std::span<const Shipment> shipments,
                      std::span<const config::MarketplacePolicy> policies,
                      core::TimePoint now,
                      int days,
                      std::chrono::seconds window,
                      const core::TimeZone& zone) {
    HistoryBuilder builder(policies, now, days, window, zone);
    for (std::size_t i = 0; i < shipments.size(); ++i) {
        builder.add(shipments[i], static_cast<std::int64_t>(i));
    }
    std::vector<IdentifiedShipment> candidates;
    for (const auto id : builder.reuse_candidates()) {
        candidates.emplace_back(id, shipments[static_cast<std::size_t>(id)]);
    }
    return std::move(builder).finish(candidates);
}

} // namespace vtrguard::report
