#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/report/evaluate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

namespace vtrguard::report {

namespace {

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_exempt(const Shipment& shipment, const config::MarketplacePolicy& policy) {
    if (shipment.service_level.empty() || !shipment.order_value
        || *shipment.order_value >= policy.exempt_below_value) {
        return false;
    }
    return contains(policy.exempt_service_levels, core::ascii_lower(shipment.service_level));
}

bool is_integrated(const Shipment& shipment, const config::MarketplacePolicy& policy) {
    const auto& code = shipment.carrier_code;
    if (code.empty() || code == "other" || code.starts_with("other ")) {
        return false;
    }
    return contains(policy.integrated_carriers, code)
           || contains(policy.integrated_carriers, core::ascii_lower(shipment.carrier));
}

// The scans the shipment's lane asks for (1 unless a lane rule applies).
int scans_needed(const Shipment& shipment, const config::MarketplacePolicy& policy) {
    int needed = 1;
    for (const auto& lane : policy.scan_lanes) {
        if (lane.to == shipment.ship_to_country && contains(lane.from, shipment.ship_from_country)
            && shipment.order_value && *shipment.order_value >= lane.min_value) {
            needed = std::max(needed, lane.scans);
        }
    }
    return needed;
}

std::string time_text(const std::optional<core::TimePoint>& time, const core::TimeZone& zone) {
    return time ? core::format_instant(*time, zone) : std::string("none");
}

} // namespace

Outcome evaluate(const Shipment& shipment,
                 const config::MarketplacePolicy& policy,
                 bool is_reused,
                 core::TimePoint now) {
    if (shipment.is_cancelled) {
        return {Status::not_counted};
    }
    if (is_exempt(shipment, policy)) {
        return {Status::exempt};
    }
    const auto fail = [](Cause cause) { return Outcome{Status::not_valid, cause}; };
    if (shipment.tracking_number.empty()) {
        return fail(Cause::tracking_missing);
    }
    if (!is_integrated(shipment, policy)) {
        return fail(Cause::carrier_not_integrated);
    }
    if (shipment.verdict == "carrier_mismatch") {
        return fail(Cause::wrong_carrier);
    }
    // routing_prefix: the number is right once the barcode prefix is stripped, but the
    // marketplace matches the uploaded text.
    // unknown_format: a carrier vtrguard has no rules for; its scans decide.
    if (!shipment.verdict.empty() && shipment.verdict != "ok"
        && shipment.verdict != "unknown_format") {
        return fail(Cause::invalid_format);
    }
    if (is_reused) {
        return fail(Cause::number_reused);
    }
    if (shipment.tracking_uploaded_at && shipment.ship_confirmed_at && shipment.deliver_by
        && *shipment.tracking_uploaded_at > *shipment.ship_confirmed_at
        && *shipment.tracking_uploaded_at > *shipment.deliver_by) {
        return fail(Cause::uploaded_after_confirm);
    }
    const auto confirmed =
        shipment.ship_confirmed_at.value_or(shipment.deliver_by.value_or(core::TimePoint{}));
    const auto deadline = confirmed + policy.no_scan_after;
    if (!shipment.first_scan_at) {
        if (now < deadline) {
            return {Status::pending};
        }
        // Whether the parcel was scanned is unknown when vtrguard could not ask the carrier.
        const bool is_unreachable =
            shipment.lookup_outcome && tracking::is_failed_lookup(*shipment.lookup_outcome);
        return fail(is_unreachable ? Cause::carrier_unreachable : Cause::never_scanned);
    }
    if (*shipment.first_scan_at > deadline) {
        return fail(Cause::scanned_late);
    }
    Outcome outcome{Status::valid};
    const int needed = scans_needed(shipment, policy);
    if (needed > 1) {
        if (!shipment.scan_count) {
            outcome.is_lane_unverified = true;
        } else if (*shipment.scan_count < needed) {
            return now < deadline ? Outcome{Status::pending} : fail(Cause::never_scanned);
        }
    }
    return outcome;
}

std::string evidence(const Shipment& shipment,
                     const Outcome& outcome,
                     const config::MarketplacePolicy& policy,
                     const core::TimeZone& zone) {
    switch (outcome.cause) {
    case Cause::tracking_missing:
        return "tracking_number is empty";
    case Cause::carrier_not_integrated:
        return fmt::format("carrier \"{}\" is not in marketplaces.{}.integrated_carriers",
                           shipment.carrier,
                           policy.name);
    case Cause::invalid_format:
    case Cause::wrong_carrier:
        return fmt::format(
            "tracking_verdict={} for carrier \"{}\"", shipment.verdict, shipment.carrier);
    case Cause::number_reused:
        return fmt::format("tracking_key {} is on another order", shipment.tracking_key);
    case Cause::uploaded_after_confirm:
        return fmt::format("tracking_uploaded_at={} after ship_confirmed_at={} and deliver_by={}",
                           time_text(shipment.tracking_uploaded_at, zone),
                           time_text(shipment.ship_confirmed_at, zone),
                           time_text(shipment.deliver_by, zone));
    case Cause::never_scanned:
        return fmt::format("ship_confirmed_at={}, no carrier scan within {}",
                           time_text(shipment.ship_confirmed_at, zone),
                           core::format_duration(policy.no_scan_after));
    case Cause::scanned_late:
        return fmt::format("ship_confirmed_at={}, first_scan_at={} (allowed {})",
                           time_text(shipment.ship_confirmed_at, zone),
                           time_text(shipment.first_scan_at, zone),
                           core::format_duration(policy.no_scan_after));
    case Cause::carrier_unreachable:
        return fmt::format("ship_confirmed_at={}, no carrier scan known: the last carrier lookup "
                           "at {} ended {} after {} attempt{}{}{}",
                           time_text(shipment.ship_confirmed_at, zone),
                           time_text(shipment.lookup_checked_at, zone),
                           tracking::lookup_outcome_name(shipment.lookup_outcome.value_or(
                               tracking::LookupOutcome::unreachable)),
                           shipment.lookup_attempts,
                           shipment.lookup_attempts == 1 ? "" : "s",
                           shipment.lookup_detail.empty() ? "" : ": ",
                           shipment.lookup_detail);
    }
    return {};
}

std::string_view number_key(const Shipment& shipment) {
    return number_key(shipment.tracking_key, shipment.tracking_number);
}

std::string_view number_key(std::string_view tracking_key, std::string_view tracking_number) {
    return tracking_key.empty() ? tracking_number : tracking_key;
}

const config::MarketplacePolicy& PolicyCursor::of(const Shipment& shipment) {
    if (m_last == nullptr || shipment.marketplace != m_last_marketplace) {
        m_last_marketplace = shipment.marketplace;
        m_last = &config::policy_for(m_policies, m_last_marketplace);
    }
    return *m_last;
}

std::vector<bool> find_reused(std::span<const Shipment> shipments) {
    std::unordered_map<std::string_view, std::size_t> first_holder;
    first_holder.reserve(shipments.size());
    std::vector<bool> reused(shipments.size(), false);
    for (std::size_t i = 0; i < shipments.size(); ++i) {
        const auto& shipment = shipments[i];
        const auto key = number_key(shipment);
        if (key.empty() || shipment.is_cancelled) {
            continue;
        }
        const auto [found, is_new] = first_holder.try_emplace(key, i);
        if (!is_new) {
            reused[i] = true;
            reused[found->second] = true;
        }
    }
    return reused;
}

std::vector<Outcome> evaluate_all(std::span<const Shipment> shipments,
                                  std::span<const config::MarketplacePolicy> policies,
                                  core::TimePoint now) {
    const auto reused = find_reused(shipments);
    std::vector<Outcome> outcomes;
    outcomes.reserve(shipments.size());
    PolicyCursor policy(policies);
    for (std::size_t i = 0; i < shipments.size(); ++i) {
        outcomes.push_back(evaluate(shipments[i], policy.of(shipments[i]), reused[i], now));
    }
    return outcomes;
}

} // namespace vtrguard::report
