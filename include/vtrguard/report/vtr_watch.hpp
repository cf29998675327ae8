#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/report/vtr_alerts.hpp>

#include <chrono>
#include <filesystem>
#include <span>
#include <vector>

namespace vtrguard::report {

// The rate window the daemon watches (Amazon's 30 days).
inline constexpr std::chrono::seconds k_watch_window{std::chrono::hours{24 * 30}};

// Reads the shipments of the last `window` from the database at `database`, decides which
// (marketplace, category) rates crossed a line since the levels stored in vtr_alert_state,
// stores the new levels and returns the crossings to log. A restart therefore never repeats
// one. Errors: ErrorCode::store. Own connection; call from one thread.
Result<std::vector<VtrAlert>> watch_vtr(const std::filesystem::path& database,
                                        std::span<const config::MarketplacePolicy> policies,
                                        core::TimePoint now,
                                        std::chrono::seconds window = k_watch_window);

} // namespace vtrguard::report
