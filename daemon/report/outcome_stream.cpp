#include <vtrguard/report/outcome_stream.hpp>
#include <vtrguard/report/shipment_rows.hpp>

#include <algorithm>

namespace vtrguard::report {

Result<std::size_t> for_each_outcome(const std::filesystem::path& database,
                                     std::span<const config::MarketplacePolicy> policies,
                                     core::TimePoint now,
                                     core::TimePoint from,
                                     core::TimePoint to,
                                     const OutcomeVisitor& visit) {
    auto reader = ShipmentReader::open(database);
    if (!reader) {
        return tl::unexpected(reader.error());
    }
    // Both reads see the reader's one snapshot, so the numbers match the rows.
    const auto reused = reader->reused_numbers(from, to);
    if (!reused) {
        return tl::unexpected(reused.error());
    }
    PolicyCursor policy(policies);
    return reader->for_each(from, to, [&](const Shipment& shipment, std::int64_t /*id*/) {
        // As find_reused(): a cancelled order reuses no number.
        const bool is_reused =
            !shipment.is_cancelled && !reused->empty()
            && std::binary_search(
                reused->begin(), reused->end(), number_key(shipment), std::less<>{});
        visit(shipment, evaluate(shipment, policy.of(shipment), is_reused, now));
    });
}

} // namespace vtrguard::report
