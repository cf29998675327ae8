#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/report/evaluate.hpp>
#include <vtrguard/report/shipment.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>

namespace vtrguard::report {

// Called with each shipment and its outcome. The Shipment is a buffer refilled for the next
// row: copy what you keep.
using OutcomeVisitor = std::function<void(const Shipment& shipment, const Outcome& outcome)>;

// Judges at `now`, each under the policy of its marketplace, the shipments of the database at
// `database` whose window date lies in [from, to), as evaluate_all() judges them held in
// memory, and gives each to `visit`. SQLite first finds the numbers on more than one order
// (ShipmentReader::reused_numbers), then the shipments stream past one row at a time: memory
// holds one row and the reused numbers, whatever the number of shipments. Returns how many
// were read. Errors: ErrorCode::store. Own read-only connection, one snapshot; thread-safe.
Result<std::size_t> for_each_outcome(const std::filesystem::path& database,
                                     std::span<const config::MarketplacePolicy> policies,
                                     core::TimePoint now,
                                     core::TimePoint from,
                                     core::TimePoint to,
                                     const OutcomeVisitor& visit);

} // namespace vtrguard::report
