#pragma once

#include <vtrguard/core/clock.hpp>
#include <vtrguard/tracking/lookup.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace vtrguard::report {

// One confirmed shipment as the rate needs it: the stored order plus what the sweep and the
// carrier lookups learned. Empty strings and nullopt mean "not known".
struct Shipment {
    std::string order_id;
    std::string marketplace;
    std::string category;
    std::string carrier;      // as declared by the seller
    std::string carrier_code; // the known carrier's code, else the declared text in lower case
    std::string tracking_number;
    std::string tracking_key; // the normalized number (duplicates are found by it)
    std::string verdict;      // the engine's reason name (`ok`, `bad_check_digit`, …)
    std::string service_level;
    std::string ship_from_country;
    std::string ship_to_country;
    std::optional<double> order_value;
    bool is_cancelled = false;
    std::optional<core::TimePoint> deliver_by;
    std::optional<core::TimePoint> ship_confirmed_at;
    std::optional<core::TimePoint> first_scan_at;
    std::optional<core::TimePoint> tracking_uploaded_at;
    // How many carrier scans are known; nullopt when only first_scan_at is.
    std::optional<int> scan_count;
    // The last carrier lookup of the current number (table carrier_lookups), read only while
    // no scan is known: how it ended (nullopt: never looked up), when, after how many
    // attempts, and why it failed.
    std::optional<tracking::LookupOutcome> lookup_outcome;
    std::optional<core::TimePoint> lookup_checked_at;
    int lookup_attempts = 0;
    std::string lookup_detail;

    // The date the marketplace files the shipment under: promised delivery, else ship-confirm.
    std::optional<core::TimePoint> window_date() const {
        return deliver_by ? deliver_by : ship_confirmed_at;
    }
};

// A shipment with the id it is known by (its row id in the store).
using IdentifiedShipment = std::pair<std::int64_t, Shipment>;

} // namespace vtrguard::report
