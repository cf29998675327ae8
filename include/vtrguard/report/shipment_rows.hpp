#pragma once

#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/report/shipment.hpp>

#include <filesystem>
#include <vector>

namespace vtrguard::report {

// The shipped and cancelled orders of the database at `database` whose window date
// (deliver_by, else ship_confirmed_at) lies in [from, to), read on a read-only connection.
// The declared carrier is resolved to a known carrier's code; a number the sweep has not
// judged yet is judged here. Errors: ErrorCode::store. Thread-safe (own connection).
Result<std::vector<Shipment>>
load_shipments(const std::filesystem::path& database, core::TimePoint from, core::TimePoint to);

} // namespace vtrguard::report
