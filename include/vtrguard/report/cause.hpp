#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace vtrguard::report {

// Why a shipment's tracking is not valid: one primary cause each, checked in this order.
enum class Cause : std::uint8_t {
    tracking_missing,       // no number was given
    carrier_not_integrated, // declared carrier is "Other" or not one the marketplace integrates
    invalid_format,         // the number fails the carrier's format or check digit
    wrong_carrier,          // the number belongs to another carrier than the one declared
    number_reused,          // the same number is on another order
    uploaded_after_confirm, // the number reached the marketplace after ship-confirm, past delivery
    never_scanned,          // label created, no carrier scan within the allowed time
    scanned_late,           // the first scan came after the allowed time
    carrier_unreachable,    // no scan known and the last carrier lookup got no answer
};

inline constexpr std::size_t k_cause_count = 9;

inline constexpr std::array<Cause, k_cause_count> k_all_causes{
    Cause::tracking_missing,
    Cause::carrier_not_integrated,
    Cause::invalid_format,
    Cause::wrong_carrier,
    Cause::number_reused,
    Cause::uploaded_after_confirm,
    Cause::never_scanned,
    Cause::scanned_late,
    Cause::carrier_unreachable,
};

// The stable name used in JSON, CSV and logs (`tracking_missing`, …).
std::string_view cause_name(Cause cause);

// A short English label for people ("Tracking missing").
std::string_view cause_label(Cause cause);

// What a seller does about the cause, and the vtrguard feature that keeps it from recurring.
std::string_view cause_remedy(Cause cause);
std::string_view cause_prevention(Cause cause);

} // namespace vtrguard::report
