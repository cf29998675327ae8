#pragma once

#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/cause.hpp>
#include <vtrguard/report/shipment.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vtrguard::report {

enum class Status : std::uint8_t {
    valid,
    not_valid,
    pending,     // no scan yet, still within the allowed time
    exempt,      // the marketplace does not measure it; counted apart
    not_counted, // cancelled
};

// The verdict on one shipment at `now`.
struct Outcome {
    Status status = Status::valid;
    Cause cause = Cause::tracking_missing; // meaningful when not_valid
    bool is_lane_unverified = false;       // valid on one scan where the lane asks for more

    bool operator==(const Outcome&) const = default;
};

// Judges `shipment` under `policy` at `now`; `is_reused` says another order holds the same
// number. Pure and thread-safe.
Outcome evaluate(const Shipment& shipment,
                 const config::MarketplacePolicy& policy,
                 bool is_reused,
                 core::TimePoint now);

// The evidence behind a not-valid outcome, as one line naming the stored fields it rests on,
// times in `zone`.
std::string evidence(const Shipment& shipment,
                     const Outcome& outcome,
                     const config::MarketplacePolicy& policy,
                     const core::TimeZone& zone);

// The normalized number other orders are compared by: the sweep's key, else the number.
std::string_view number_key(const Shipment& shipment);
// The same for a shipment whose tracking_key and tracking_number are these.
std::string_view number_key(std::string_view tracking_key, std::string_view tracking_number);

// The policy of each shipment's marketplace, remembered while consecutive shipments share it:
// orders come in long runs of one marketplace. `policies` must outlive it; not thread-safe.
class PolicyCursor {
public:
    explicit PolicyCursor(std::span<const config::MarketplacePolicy> policies)
        : m_policies(policies) {}

    const config::MarketplacePolicy& of(const Shipment& shipment);

private:
    std::span<const config::MarketplacePolicy> m_policies;
    const config::MarketplacePolicy* m_last = nullptr;
    std::string m_last_marketplace;
};

// For each shipment, whether another not-cancelled shipment carries the same number.
std::vector<bool> find_reused(std::span<const Shipment> shipments);

// Every shipment judged at `now`, each under the policy of its marketplace.
std::vector<Outcome> evaluate_all(std::span<const Shipment> shipments,
                                  std::span<const config::MarketplacePolicy> policies,
                                  core::TimePoint now);

} // namespace vtrguard::report
