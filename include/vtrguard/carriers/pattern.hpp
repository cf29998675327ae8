#pragma once

#include <vtrguard/core/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vtrguard::carriers {

// The longest number a pattern can match.
inline constexpr std::size_t k_max_pattern_length = 64;

// A set of the 36 characters a normalized number may hold: bit 0-9 for digits, 10-35 for A-Z.
using CharMask = std::uint64_t;

inline constexpr CharMask k_digit_chars = (CharMask{1} << 10) - 1;
inline constexpr CharMask k_letter_chars = ((CharMask{1} << 26) - 1) << 10;

// The mask bit of each byte: 0 for anything but a digit or an upper-case letter.
inline constexpr std::array<CharMask, 256> k_char_bits = [] {
    std::array<CharMask, 256> bits{};
    for (int c = '0'; c <= '9'; ++c) {
        bits[static_cast<std::size_t>(c)] = CharMask{1} << (c - '0');
    }
    for (int c = 'A'; c <= 'Z'; ++c) {
        bits[static_cast<std::size_t>(c)] = CharMask{1} << (c - 'A' + 10);
    }
    return bits;
}();

// The mask bit of `c`, or 0 when `c` is not a digit or upper-case letter.
inline CharMask char_bit(char c) {
    return k_char_bits[static_cast<unsigned char>(c)];
}

// Which positions of a number hold digits and which letters, one bit per position: formats
// compare whole classes of positions against it at once.
struct NumberShape {
    std::uint64_t digits = 0;
    std::uint64_t letters = 0;    // meaningful only when is_alphanumeric
    CharMask last = 0;            // char_bit of the last character
    bool is_alphanumeric = false; // every character is a digit or an upper-case letter
};

// The shape of `number` (at most k_max_pattern_length characters). Pure and thread-safe.
NumberShape shape_of(std::string_view number);

// The shape of a non-empty `number` known to hold only digits and upper-case letters, whose
// digit positions are known too (normalize() records them).
inline NumberShape alphanumeric_shape(std::string_view number, std::uint64_t digits) {
    const std::uint64_t all =
        number.size() >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << number.size()) - 1;
    return {digits, all & ~digits, char_bit(number.back()), true};
}

// One element of a compiled pattern: `count_min..count_max` characters, each in `allowed`.
struct PatternElement {
    CharMask allowed = 0;
    int count_min = 1;
    int count_max = 1;
    int weight = 0; // specificity of one position, in tenths of a bit (set by compile_pattern)
};

// A pattern without alternatives, matched left to right in one pass (no backtracking: at most
// one element has a variable length, and the number's length fixes it).
struct CompiledPattern {
    std::vector<PatternElement> elements;
    int min_length = 0;
    int max_length = 0;
    std::vector<CharMask> position_masks; // one per character when the length is fixed
    int fixed_specificity = -1;           // precomputed when the length is fixed
    CharMask last_allowed = 0;            // the last character's set: a one-AND pre-filter

    bool matches(std::string_view number) const;

    // How strongly the pattern constrains a number of `length` characters, in tenths of a bit:
    // a literal constrains more than a digit, a digit more than any letter or digit.
    int specificity(int length) const;
};

// Compiles `pattern` (the language described on FormatSpec) into one CompiledPattern per
// alternative. Errors name the offending position and why.
Result<std::vector<CompiledPattern>> compile_pattern(std::string_view pattern);

} // namespace vtrguard::carriers
