#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/evaluate.hpp>
#include <vtrguard/report/rate.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vtrguard::report {

// The rolling-window rate as it stood at the end of one local day.
struct DayPoint {
    core::TimePoint day; // the first instant of the day
    Counts window;       // the shipments of the window ending with this day
};

// How often one cause occurred over the period, and when first and last.
struct CauseStats {
    Cause cause = Cause::tracking_missing;
    std::int64_t count = 0;
    core::TimePoint first;
    core::TimePoint last;
};

// One shipment that was not valid.
struct FailingOrder {
    std::int64_t id = 0; // as given to HistoryBuilder::add
    Shipment shipment;
    Cause cause = Cause::tracking_missing;
    std::string evidence;
};

// Everything the evidence pack shows about a period.
struct History {
    core::TimeZone zone;  // the days are its local days; pages show times in it
    core::TimePoint from; // the first instant of the first day
    core::TimePoint to;   // the first instant after the last day
    VtrSummary period;    // every shipment with a window date in [from, to)
    std::vector<DayPoint> days;
    std::vector<CauseStats> causes;    // count > 0, most frequent first
    std::vector<FailingOrder> failing; // by window date, then order id
    double threshold = 95.0;
    double warning = 97.0;
};

// Builds a History from shipments given one at a time, so that a million of them need not be
// held: it keeps the counts, the failing shipments and 16 bytes per numbered shipment, enough
// to find the numbers on more than one order at the end. Not thread-safe.
class HistoryBuilder {
public:
    // The last `days` days of `zone` up to and including today, judged at `now`; the daily
    // points use the rolling `window`, so add() wants the shipments of history_range().
    HistoryBuilder(std::span<const config::MarketplacePolicy> policies,
                   core::TimePoint now,
                   int days,
                   std::chrono::seconds window,
                   const core::TimeZone& zone);

    // Counts `shipment`, named `id` (unique; the caller's row id or index). Shipments outside
    // history_range() are ignored.
    void add(const Shipment& shipment, std::int64_t id);

    // The ids of the shipments whose normalized number may be on another order too: those
    // finish() needs again, each shipment once.
    std::vector<std::int64_t> reuse_candidates() const;

    // The history. `candidates` are the shipments of reuse_candidates(), in any order.
    History finish(std::span<const IdentifiedShipment> candidates) &&;

private:
    struct NumberRef {
        std::uint64_t hash = 0; // of the normalized number
        std::int64_t id = 0;
    };

    std::size_t slot_of(core::TimePoint date) const;
    void count(const Shipment& shipment, const Outcome& outcome, int count);
    void mark_reused(const IdentifiedShipment& shipment,
                     std::unordered_map<std::int64_t, std::size_t>& listed);
    std::vector<DayPoint> rolling_days() const;

    std::vector<config::MarketplacePolicy> m_policies; // a copy: a builder may outlive them
    PolicyCursor m_policy;                             // over m_policies
    core::TimePoint m_now;
    int m_days = 0;
    std::int64_t m_window_days = 1;
    History m_history;
    core::TimePoint m_base;        // the first instant of the first window's first day
    std::chrono::sys_days m_first; // the first day of the period
    SummaryBuilder m_period;
    std::vector<Counts> m_per_day; // from the first window's first day
    std::vector<NumberRef> m_numbers;
};

// The history of `shipments` (as HistoryBuilder, all given at once). Pure.
History build_history(std::span<const Shipment> shipments,
                      std::span<const config::MarketplacePolicy> policies,
                      core::TimePoint now,
                      int days,
                      std::chrono::seconds window,
                      const core::TimeZone& zone = {});

// The window dates build_history reads: from the first instant of the first day's rolling
// window to the end of today, in days of `zone`. Pure.
std::pair<core::TimePoint, core::TimePoint> history_range(core::TimePoint now,
                                                          int days,
                                                          std::chrono::seconds window,
                                                          const core::TimeZone& zone);

} // namespace vtrguard::report
