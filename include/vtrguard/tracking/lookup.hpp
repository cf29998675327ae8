#pragma once

#include <vtrguard/carriers/tracking.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vtrguard::tracking {

// How a lookup ended.
enum class LookupOutcome : std::uint8_t {
    tracked,        // the carrier answered: see `result` (its status may be not_found)
    invalid_format, // never sent: the number fails the format checks
    format_only,    // valid, but no carrier API with credentials covers its carrier
    unreachable,    // the carrier did not answer usably within the retries, breaker or quota
    forbidden,      // the account may not see this number (USPS MID gate)
    rejected,       // the carrier refused the request or our credentials
    cancelled,      // the tracker stopped first
};

std::string_view lookup_outcome_name(LookupOutcome outcome);

// The outcome lookup_outcome_name() calls `name`, or nullopt.
std::optional<LookupOutcome> parse_lookup_outcome(std::string_view name);

// Whether a lookup asked and got no usable answer: `unreachable`, `forbidden` or `rejected`
// (not one never meant to be sent, such as `format_only`).
bool is_failed_lookup(LookupOutcome outcome);

// The answer for one number.
struct Lookup {
    std::string number;  // as normalised and sent
    std::string carrier; // validator carrier code, empty when the format is unknown
    std::string api;     // the API asked, empty when none was
    LookupOutcome outcome = LookupOutcome::unreachable;
    carriers::TrackResult result; // meaningful when outcome == tracked
    std::string detail;           // why, when not tracked; never holds a secret
    int attempts = 0;             // lookup tries made for this number (not HTTP requests)
};

using LookupHandler = std::function<void(Lookup)>;

} // namespace vtrguard::tracking
