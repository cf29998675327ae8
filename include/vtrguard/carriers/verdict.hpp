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
    barcode_data,     // a whole barcode string; the tracking number is inside (FedEx 96…)
};

std::string_view reason_name(Reason reason);

// What a suggested fix changed. The names are part of the interface (JSON, CSV).
enum class SuggestionKind : std::uint8_t {
    none,
    strip_routing_prefix, // USPS 420+ZIP5 or ZIP+4 dropped
    extract_from_barcode, // the tracking number taken out of a longer barcode string
    letter_for_digit,     // O/0, I/1, S/5, B/8 typed one for the other
    transposition,        // two neighbouring characters swapped back
};

std::string_view suggestion_kind_name(SuggestionKind kind);

// A corrected number: advice only, the input stays invalid.
struct Suggestion {
    SuggestionKind kind = SuggestionKind::none;
    std::array<char, k_max_number_length> buffer{};
    std::size_t length = 0;

    std::string_view text() const { return {buffer.data(), length}; }
};

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
    int near_miss_score = -1;            // its score as if the check held (see ruleset.hpp)
    std::optional<FormatId> length_miss; // right leading characters, wrong length
    std::optional<Reading> prefixed;     // the reading once a barcode prefix is stripped
    std::size_t prefix_length = 0;       // characters of that prefix
    PrefixKind prefix_kind = PrefixKind::routing;
    // Filled only for invalid numbers; an empty optional costs the valid path nothing.
    std::optional<Suggestion> fix;

    bool is_valid() const { return reason == Reason::ok; }

    std::span<const Reading> all_readings() const { return {readings.data(), reading_count}; }

    // The format the verdict speaks of: the accepted reading, the carrier the number belongs
    // to on a mismatch, the format whose check digit failed; nullopt when none fits.
    std::optional<FormatId> primary_format() const;

    // The corrected number when exactly one mechanical fix makes it valid, or empty.
    std::string_view suggestion() const { return fix ? fix->text() : std::string_view(); }

    SuggestionKind suggestion_kind() const { return fix ? fix->kind : SuggestionKind::none; }
};

} // namespace vtrguard::carriers
