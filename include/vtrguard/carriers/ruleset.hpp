#pragma once

#include <vtrguard/carriers/format_spec.hpp>
#include <vtrguard/carriers/pattern.hpp>
#include <vtrguard/core/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace vtrguard::carriers {

using CarrierId = std::uint16_t;
using FormatId = std::uint16_t;

// One alternative of one carrier format, ready to match.
struct CompiledFormat {
    CarrierId carrier = 0;
    bool needs_declared = false; // FormatSpec::needs_declared, kept here for the hot loop
    std::size_t spec_index = 0;  // into CarrierSpec::formats
    CompiledPattern pattern;
};

// A barcode prefix of one carrier, ready to match.
struct CompiledPrefix {
    CarrierId carrier = 0;
    PrefixKind kind = PrefixKind::routing;
    std::size_t number_length = 0; // 0 for any
    CompiledPattern pattern;
};

// Carrier specs compiled for fast lookup: formats are indexed by number length and first
// character, so a number is compared only with the few formats that could match it.
// Immutable once built; safe to share between threads.
class Ruleset {
public:
    // Compiles `carriers`. Errors name the carrier, the format and why (a bad pattern, a
    // duplicate code, a check position outside the pattern).
    static Result<Ruleset> build(std::vector<CarrierSpec> carriers);

    // The carriers vtrguard knows without any rule file, compiled once.
    static const Ruleset& builtin();

    std::span<const CarrierSpec> carriers() const { return m_carriers; }

    const CarrierSpec& carrier(CarrierId id) const { return m_carriers[id]; }

    const CompiledFormat& format(FormatId id) const { return m_formats[id]; }

    FormatId format_count() const { return static_cast<FormatId>(m_formats.size()); }

    const FormatSpec& format_spec(FormatId id) const;

    std::span<const CompiledPrefix> prefixes() const { return m_prefixes; }

    // Whether any barcode prefix can start with `first` (a cheap gate before trying them).
    bool may_have_prefix(char first) const { return (char_bit(first) & m_prefix_first_chars) != 0; }

    // The carrier whose code, name, alias or marketplace name is `name`, compared
    // case-insensitively.
    std::optional<CarrierId> find_carrier(std::string_view name) const;

    // The formats that may match a normalized number of this length and first character.
    std::span<const FormatId> candidates(std::size_t length, char first) const;

    // Fixed-length formats that open with two or more literal characters, the first being
    // `first` ("1Z…", "TBA…"): a number that opens the same way is probably of that format.
    std::span<const FormatId> literal_heads(char first) const;

    // Whether any format of `carrier` (or of any carrier) has this length / allows this character.
    bool has_length(std::size_t length, std::optional<CarrierId> carrier) const;
    CharMask allowed_chars(std::optional<CarrierId> carrier) const;

private:
    Result<bool> compile();

    std::vector<CarrierSpec> m_carriers;
    std::vector<CompiledFormat> m_formats;
    std::vector<CompiledPrefix> m_prefixes;
    CharMask m_prefix_first_chars = 0;
    std::vector<FormatId> m_index;          // format ids grouped by (length, first character)
    std::vector<std::uint32_t> m_index_end; // end of each group in m_index
    // Per carrier, then one more entry for all carriers: the characters and the lengths
    // (bit n-1 for length n) its formats allow. Judging a failure needs them at once.
    std::vector<std::vector<FormatId>> m_literal_heads; // by first character, 0-9A-Z
    std::vector<CharMask> m_allowed_chars;
    std::vector<std::uint64_t> m_allowed_lengths;
};

// The built-in carrier specs, one function per carrier file under carriers/.
std::vector<CarrierSpec> builtin_carrier_specs();

} // namespace vtrguard::carriers
