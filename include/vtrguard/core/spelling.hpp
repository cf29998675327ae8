#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace vtrguard::core {

// Levenshtein distance between `a` and `b` (insertions, deletions, substitutions). Pure.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` (the first one on a tie), for "did you mean" hints; empty only
// when there are no candidates.
std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates);

} // namespace vtrguard::core
