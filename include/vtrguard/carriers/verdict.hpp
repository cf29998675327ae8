#pragma once

#include <vtrguard/carriers/normalize.hpp>
#include <vtrguard/carriers/ruleset.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace vtrguard::carriers {

// Why a number is not valid. The names are part of the interface (JSON, CSV, logs).
enum class Reason : std::uint8_t {
    ok,
    empty,
    bad_charset,
    bad_length,
    bad_check_digit,
    unknown_format,
    carrier_mismatch, // valid, but for another carrier than the one declared
    routing_prefix,   // valid only once the barcode's routing prefix (USPS 420+ZIP) is stripped
};

std::string_view reason_name(Reason reason);

// One way to read a number: a format it matches, check digit included.
struct Reading {
    FormatId format = 0;
    bool is_check_verified = false; // false for formats without a check digit
    int score = 0;                  // higher is the more likely reading
};

inline constexpr std::size_t k_max_readings = 8;

// The engine's answer for one number. Small and allocation-free: the hot path fills millions.
struct Verdict {
    Normalized normalized;
    Reason reason = Reason::unknown_format;
    std::optional<CarrierId> declared;
    std::array<Reading, k_max_readings> readings{}; // every reading, best first
    std::size_t reading_count = 0;
    std::optional<FormatId> near_miss;   // right shape, wrong check digit
    std::optional<FormatId> length_miss; // right leading characters, wrong length
    std::optional<Reading> prefixed;     // the reading once a barcode prefix is stripped
    std::size_t prefix_length = 0;       // characters of that prefix

    bool is_valid() const { return reason == Reason::ok; }

    std::span<const Reading> all_readings() const { return {readings.data(), reading_count}; }

    // The format the verdict speaks of: the accepted reading, the carrier the number belongs
    // to on a mismatch, the format whose check digit failed; nullopt when none fits.
    std::optional<FormatId> primary_format() const;

    // The corrected number when a mechanical fix makes it valid (the routing prefix stripped).
    std::string_view suggestion() const;
};

} // namespace vtrguard::carriers
