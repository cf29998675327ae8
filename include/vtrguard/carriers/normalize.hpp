#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vtrguard::carriers {

// No carrier format is longer than this; a longer normalized number is `bad_length`.
inline constexpr std::size_t k_max_number_length = 64;

// A tracking number as the engine compares it: separators dropped, letters upper-cased,
// full-width forms folded to ASCII. The raw input is kept by the caller.
struct Normalized {
    std::array<char, k_max_number_length> buffer{};
    std::size_t length = 0;      // characters kept in `buffer`
    std::size_t full_length = 0; // characters the number has, past the buffer too
    bool has_bad_char = false;   // a character no carrier format uses
    bool is_invalid_utf8 = false;
    bool has_invisible = false;   // an invisible format character (Unicode Cf) was dropped
    std::size_t first_bad_at = 0; // 1-based byte offset of the first bad character in the input
    std::uint64_t digit_positions = 0; // bit i: buffer[i] is a digit (the validator's shape)

    std::string_view text() const { return {buffer.data(), length}; }

    bool is_too_long() const { return full_length > k_max_number_length; }
};

// Trims, drops spaces and dashes (ASCII and their Unicode look-alikes) and invisible format
// characters (Unicode Cf: zero-width space, LRM/RLM, bidi controls, soft hyphen…, noted in
// `has_invisible`), upper-cases, and folds full-width digits and letters (as Chinese and
// Japanese input methods type them) to ASCII.
// Characters with no unambiguous reading are kept and flagged. Pure and thread-safe.
Normalized normalize(std::string_view raw);

// The same, written into `out`, which must be freshly default-constructed: the validator
// normalizes into its verdict rather than copying.
void normalize(std::string_view raw, Normalized& out);

} // namespace vtrguard::carriers
