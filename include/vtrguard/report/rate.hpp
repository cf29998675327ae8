#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/report/evaluate.hpp>
#include <vtrguard/report/shipment.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace vtrguard::report {

// The counts behind one rate. `total` = valid + not_valid + pending; exempt and cancelled
// shipments are counted apart and never in the rate.
struct Counts {
    std::int64_t total = 0;
    std::int64_t valid = 0;
    std::int64_t not_valid = 0;
    std::int64_t pending = 0;
    std::int64_t exempt = 0;
    std::int64_t cancelled = 0;
    std::int64_t lane_unverified = 0; // valid on one scan where the lane asks for two
    std::array<std::int64_t, k_cause_count> causes{};

    void add(const Outcome& outcome);
    void add(const Counts& other);
    // Takes back what add() counted.
    void remove(const Outcome& outcome);
    void remove(const Counts& other);

    // valid ÷ (valid + not_valid) in percent; nullopt when nothing is decided yet.
    std::optional<double> rate() const;
    // Every pending shipment scanned in time: (valid + pending) ÷ total.
    std::optional<double> best_case() const;
    // No pending shipment ever scanned: valid ÷ total.
    std::optional<double> worst_case() const;

private:
    void change(const Outcome& outcome, std::int64_t count);
    void change(const Counts& other, std::int64_t sign);
};

// One line of a breakdown: a category, a carrier or a marketplace.
struct Breakdown {
    std::string name;
    Counts counts;
};

// The rate over [from, to), overall and broken down.
struct VtrSummary {
    core::TimePoint from;
    core::TimePoint to;
    Counts overall;
    std::vector<Breakdown> by_category; // sorted by name
    std::vector<Breakdown> by_carrier;
    std::vector<Breakdown> by_marketplace;
};

// The name a breakdown files an empty value under.
inline constexpr std::string_view k_unknown_group = "(none)";

// Sums outcomes into a VtrSummary as shipments come, one at a time; holds only the counts.
class SummaryBuilder {
public:
    SummaryBuilder(core::TimePoint from, core::TimePoint to);

    // Counts `outcome` when `shipment`'s window date lies in [from, to); `count` -1 takes back
    // an outcome counted before.
    void add(const Shipment& shipment, const Outcome& outcome, int count = 1);

    VtrSummary finish() const;

private:
    using Groups = std::map<std::string, Counts, std::less<>>;

    // The group of `name`, remembered while consecutive shipments share it.
    struct Cursor {
        std::string_view name; // the map's own key
        Counts* counts = nullptr;

        Counts& at(Groups& groups, std::string_view wanted);
    };

    VtrSummary m_summary;
    Groups m_categories;
    Groups m_carriers;
    Groups m_marketplaces;
    Cursor m_category;
    Cursor m_carrier;
    Cursor m_marketplace;
};

// Sums the outcomes of shipments whose window date lies in [from, to). Pure.
VtrSummary summarize(std::span<const Shipment> shipments,
                     std::span<const Outcome> outcomes,
                     core::TimePoint from,
                     core::TimePoint to);

// The window dates the rate at `now` over the last `window` counts, as [from, to): a shipment
// promised for exactly `now` is in, one promised `window` ago is out. Pure.
std::pair<core::TimePoint, core::TimePoint> rate_window(core::TimePoint now,
                                                        std::chrono::seconds window);

// The window dates the rate reads from the store: rate_window() and the second before it,
// whose shipments are not counted but, read since the rate was first computed, still make a
// number they share with a counted shipment reused. Pure.
std::pair<core::TimePoint, core::TimePoint> rate_read_range(core::TimePoint now,
                                                            std::chrono::seconds window);

// The rate at `now` over the last `window` (Amazon: 30 days by promised delivery date),
// judging every shipment under its marketplace's policy. Pure.
VtrSummary compute_vtr(std::span<const Shipment> shipments,
                       std::span<const config::MarketplacePolicy> policies,
                       core::TimePoint now,
                       std::chrono::seconds window);

} // namespace vtrguard::report
