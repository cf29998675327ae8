#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

// Eight characters at a time in one 64-bit word, for the engine's hot paths (normalising and
// classifying numbers of 10 to 30 characters, where a loop per character dominates).
namespace vtrguard::carriers::byte_chunks {

inline constexpr std::uint64_t k_ones = 0x0101010101010101U;
inline constexpr std::uint64_t k_highs = 0x8080808080808080U;

// Eight bytes from `data` as a little-endian word: byte i of the text is byte i of the word.
inline std::uint64_t load(const char* data) {
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, data, sizeof(bytes));
    if constexpr (std::endian::native == std::endian::big) {
        bytes = __builtin_bswap64(bytes);
    }
    return bytes;
}

inline void store(char* data, std::uint64_t bytes) {
    if constexpr (std::endian::native == std::endian::big) {
        bytes = __builtin_bswap64(bytes);
    }
    std::memcpy(data, &bytes, sizeof(bytes));
}

// The high bit of each byte set where that byte lies in [low, high]. Every byte must be below
// 0x80 (mask with ~k_highs first), so that adding to one never carries into the next.
inline std::uint64_t in_range(std::uint64_t bytes, unsigned low, unsigned high) {
    const std::uint64_t at_least_low = bytes + k_ones * (0x80U - low);
    const std::uint64_t above_high = bytes + k_ones * (0x7FU - high);
    return at_least_low & ~above_high & k_highs;
}

// One bit per byte: bit i set when byte i of `highs` has its high bit set (other bits ignored).
inline std::uint64_t gather_highs(std::uint64_t highs) {
    return ((highs & k_highs) * 0x0002040810204081U) >> 56U;
}

} // namespace vtrguard::carriers::byte_chunks
