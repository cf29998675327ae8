#include <vtrguard/core/spelling.hpp>

#include <algorithm>
#include <numeric>
#include <vector>

namespace vtrguard::core {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // One row of the classic table is enough: row[j] is the distance of a[0..i) to b[0..j).
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string_view closest_match(std::string_view word,
                               std::span<const std::string_view> candidates) {
    std::string_view best;
    std::size_t best_distance = static_cast<std::size_t>(-1);
    for (const auto candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

} // namespace vtrguard::core
