#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/rate.hpp>

#include <chrono>
#include <optional>
#include <span>
#include <string>
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
    std::size_t index = 0; // into the shipments given to build_history
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

// The last `days` days of `zone` up to and including today, judged at `now`. The daily points
// use the rolling `window`, so `shipments` should cover history_range(). Pure.
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
