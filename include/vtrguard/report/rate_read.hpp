#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/report/outcome_stream.hpp>
#include <vtrguard/report/rate.hpp>

#include <chrono>
#include <filesystem>
#include <span>
#include <utility>

namespace vtrguard::report {

// The rate at `now` over the last `window` of the shipments stored in the database at
// `database`, summed by a `Builder` (SummaryBuilder: what compute_vtr() returns;
// MarketplaceCategoryCounts: what the alerts watch) as they stream past (for_each_outcome()):
// the same figures as from the shipments held in memory, but memory holds the builder's counts
// and the reused numbers, not the shipments. Returns Builder::finish(). Errors:
// ErrorCode::store. Own connection; thread-safe.
template <typename Builder>
Result<decltype(std::declval<const Builder&>().finish())>
read_rate(const std::filesystem::path& database,
          std::span<const config::MarketplacePolicy> policies,
          core::TimePoint now,
          std::chrono::seconds window) {
    const auto [from, to] = rate_window(now, window);
    Builder builder(from, to);
    const auto [read_from, read_to] = rate_read_range(now, window);
    auto read = for_each_outcome(database,
                                 policies,
                                 now,
                                 read_from,
                                 read_to,
                                 [&builder](const Shipment& shipment, const Outcome& outcome) {
                                     builder.add(shipment, outcome);
                                 });
    if (!read) {
        return tl::unexpected(read.error());
    }
    return builder.finish();
}

} // namespace vtrguard::report
