#pragma once

#include <vtrguard/core/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vtrguard::carriers {

// The longest number a pattern can match.
inline constexpr std::size_t k_max_pattern_length = 64;

// A set of the 36 characters a normalized number may hold: bit 0-9 for digits, 10-35 for A-Z.
using CharMask = std::uint64_t;

// The mask bit of `c`, or 0 when `c` is not a digit or upper-case letter.
CharMask char_bit(char c);

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
