#pragma once

#include <vtrguard/carriers/format_spec.hpp>
#include <vtrguard/carriers/pattern.hpp>
#include <vtrguard/core/result.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
    // A national post's S10 format (`a{2} d{9} XY`): found by its suffix, not in the slots.
    bool is_keyed_by_suffix = false;
    std::vector<CompiledPattern> usual; // FormatSpec::usual_pattern, when it has one
};

// A reading's score: a verified check digit outweighs any shape, a format's priority any
// specificity (how strongly its pattern constrains the number).
inline constexpr int k_verified_bonus = 1 << 20;
inline constexpr int k_priority_step = 1000;

// Slot check indexes at or past this one are not shared: the validator computes each anew.
inline constexpr std::uint8_t k_max_shared_checks = 32;

// A resolved check position that lies outside the number.
inline constexpr std::uint8_t k_outside_number = 0xFF;

// One format as the hot loop reads it for numbers of one (length, first character) slot: the
// pattern resolved to that length as position bitmaps, the check deduplicated within the slot
// and the score known in advance. Position 0 is implied by the slot and the last position by
// `last_allowed`, so neither appears in the bitmaps or the narrow sets.
struct SlotFormat {
    CharMask last_allowed = 0;
    std::uint64_t digit_positions = 0;  // bit p: position p must hold a digit
    std::uint64_t letter_positions = 0; // bit p: position p must hold a letter
    std::uint32_t narrow_begin = 0;     // the positions with other sets, in the ruleset's pool
    std::uint8_t narrow_count = 0;
    std::uint8_t check = 0; // the slot's check index (formats sharing a check share it)
    // The check's positions resolved for the slot's length; k_outside_number when one falls
    // outside it (the check then never verifies).
    std::uint8_t serial_begin = 0;
    std::uint8_t serial_end = 0;
    std::uint8_t check_at = 0;
    bool has_check = false; // false: the match is shape-only
    bool needs_declared = false;
    bool country_suffix = false;
    FormatId format = 0;
    CarrierId carrier = 0;
    int score = 0; // the reading's score when its check digit verifies (see validator.cpp)
};

// A position whose allowed set is neither any digit, any letter, nor any of both.
struct NarrowSet {
    std::uint32_t position = 0;
    CharMask allowed = 0;
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

    // The same formats, in the same order, resolved for that length (see SlotFormat).
    std::span<const SlotFormat> slot_formats(std::size_t length, char first) const;

    // The national S10 format that claims `number`'s two-letter suffix (China Post for `…CN`),
    // resolved like a slot format; null when the number is not 13 characters or no post claims
    // its suffix. These formats are kept out of the slots: two hundred posts would otherwise
    // be compared with every 13-character number.
    const SlotFormat* suffix_format(std::string_view number) const;

    // Whether `number`, of the slot's length and first character, matches `format`: the same
    // answer as the format's CompiledPattern, in a few instructions. `shape` is
    // shape_of(number), which the caller has found alphanumeric.
    bool matches(const SlotFormat& format, std::string_view number, const NumberShape& shape) const;

    // Fixed-length formats that open with two or more literal characters, the first being
    // `first` ("1Z…", "TBA…"): a number that opens the same way is probably of that format.
    std::span<const FormatId> literal_heads(char first) const;

    // Whether any format of `carrier` (or of any carrier) has this length / allows this character.
    bool has_length(std::size_t length, std::optional<CarrierId> carrier) const;
    CharMask allowed_chars(std::optional<CarrierId> carrier) const;

private:
    Result<bool> compile();
    void compile_slots();
    SlotFormat slot_format(FormatId id, std::size_t length); // adds its narrow sets
    void key_by_suffix();
    void index_names();
    // The [begin, end) of the (length, first character) slot in m_index; empty when none.
    std::pair<std::uint32_t, std::uint32_t> slot_range(std::size_t length, char first) const;

    std::vector<CarrierSpec> m_carriers;
    std::vector<CompiledFormat> m_formats;
    std::vector<CompiledPrefix> m_prefixes;
    CharMask m_prefix_first_chars = 0;
    std::vector<FormatId> m_index;          // format ids grouped by (length, first character)
    std::vector<std::uint32_t> m_index_end; // end of each group in m_index
    std::vector<SlotFormat> m_slot_formats; // parallel to m_index
    std::vector<NarrowSet> m_narrow_sets;
    std::vector<std::int32_t> m_suffix_index; // 26 x 26 by suffix: into m_suffix_formats or -1
    std::vector<SlotFormat> m_suffix_formats;
    std::vector<std::pair<std::string, CarrierId>> m_names; // lower-cased names, sorted
    // Per carrier, then one more entry for all carriers: the characters and the lengths
    // (bit n-1 for length n) its formats allow. Judging a failure needs them at once.
    std::vector<std::vector<FormatId>> m_literal_heads; // by first character, 0-9A-Z
    std::vector<CharMask> m_allowed_chars;
    std::vector<std::uint64_t> m_allowed_lengths;
};

inline bool Ruleset::matches(const SlotFormat& format,
                             std::string_view number,
                             const NumberShape& shape) const {
    if ((format.last_allowed & shape.last) == 0 || (format.digit_positions & ~shape.digits) != 0
        || (format.letter_positions & ~shape.letters) != 0) {
        return false;
    }
    const NarrowSet* narrow = m_narrow_sets.data() + format.narrow_begin;
    for (const NarrowSet* end = narrow + format.narrow_count; narrow != end; ++narrow) {
        if ((char_bit(number[narrow->position]) & narrow->allowed) == 0) {
            return false;
        }
    }
    return true;
}

inline const SlotFormat* Ruleset::suffix_format(std::string_view number) const {
    constexpr std::size_t k_s10_length = 13;
    if (number.size() != k_s10_length || m_suffix_formats.empty()) {
        return nullptr;
    }
    const auto first = static_cast<unsigned>(number[11] - 'A');
    const auto second = static_cast<unsigned>(number[12] - 'A');
    if (first >= 26 || second >= 26) {
        return nullptr;
    }
    const std::int32_t at = m_suffix_index[first * 26 + second];
    return at < 0 ? nullptr : &m_suffix_formats[static_cast<std::size_t>(at)];
}

// The built-in carrier specs, one function per carrier file under carriers/.
std::vector<CarrierSpec> builtin_carrier_specs();

} // namespace vtrguard::carriers
