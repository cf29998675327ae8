#pragma once

#include <vtrguard/carriers/tracking.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/tracking/lookup.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vtrguard::store {

// What the carrier lookups learnt about one order's tracking number (table `carrier_lookups`,
// docs/store.md). Written by the daemon's lookup scheduler, read by the sweep.
struct CarrierLookup {
    std::string number;         // the normalized number asked about
    core::TimePoint first_at;   // the first lookup of this number
    core::TimePoint checked_at; // the last lookup
    tracking::LookupOutcome outcome = tracking::LookupOutcome::unreachable; // of the last one
    std::optional<carriers::TrackStatus> status; // of the last answer; nullopt: never answered
    bool has_physical_scan = false;
    std::optional<core::TimePoint> first_scan_at;
    std::optional<core::TimePoint> next_at; // the next lookup; nullopt: no more
    int attempts = 0;                       // lookups made for this number
    std::string detail;                     // why the last lookup failed; empty when answered

    bool operator==(const CarrierLookup&) const = default;
};

// An order whose number is due for a lookup.
struct LookupDue {
    std::string order_id;
    std::string carrier;                   // as declared by the seller
    std::string number;                    // the normalized number (the sweep's tracking_key)
    std::optional<CarrierLookup> previous; // of this same number; nullopt for a new one
};

// One finished lookup to record.
struct LookupWrite {
    std::string order_id;
    CarrierLookup lookup;
    std::vector<carriers::TrackEvent> events; // the carrier's events; empty keeps the stored ones
    // Whether the sweep should judge the order again: not for an answer that cannot change
    // its alerts (format checks only, after nothing or the same).
    bool wakes_sweep = true;
};

} // namespace vtrguard::store
