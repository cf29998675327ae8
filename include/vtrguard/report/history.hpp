#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/report/rate.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vtrguard::report {

// The rolling-window rate as it stood at the end of one UTC day.
struct DayPoint {
    core::TimePoint day; // 00:00 UTC of the day
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
    std::size_t index = 0; // into the shipments given to build_history
    Cause cause = Cause::tracking_missing;
    std::string evidence;
};

// Everything the evidence pack shows about a period.
struct History {
    core::TimePoint from; // 00:00 UTC of the first day
    core::TimePoint to;   // 00:00 UTC after the last day
    VtrSummary period;    // every shipment with a window date in [from, to)
    std::vector<DayPoint> days;
    std::vector<CauseStats> causes;    // count > 0, most frequent first
    std::vector<FailingOrder> failing; // by window date, then order id
    double threshold = 95.0;
    double warning = 97.0;
};

// The last `days` UTC days up to and including today, judged at `now`. The daily points use
// the rolling `window`, so `shipments` should reach `window` further back than the period.
// Pure.
History build_history(std::span<const Shipment> shipments,
                      std::span<const config::MarketplacePolicy> policies,
                      core::TimePoint now,
                      int days,
                      std::chrono::seconds window);

// 00:00 UTC of the day holding `time`.
core::TimePoint day_of(core::TimePoint time);

// `2026-03-01` for the UTC day holding `time`, whatever the locale.
std::string date_text(core::TimePoint time);

} // namespace vtrguard::report
