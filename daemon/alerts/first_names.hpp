#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace vtrguard::alerts {

// The `capacity` smallest names added, ascending, and how many were added: the few orders a
// duplicate alert names out of thousands, in memory that does not grow with them. The names
// are views: whatever they point into must outlive this. Not thread-safe.
class FirstNames {
public:
    explicit FirstNames(std::size_t capacity)
        : m_capacity(capacity) {}

    void add(std::string_view name) {
        ++m_count;
        if (m_names.size() == m_capacity && (m_capacity == 0 || name >= m_names.back())) {
            return;
        }
        m_names.insert(std::upper_bound(m_names.begin(), m_names.end(), name), name);
        if (m_names.size() > m_capacity) {
            m_names.pop_back();
        }
    }

    // Every name added counts, kept or not.
    std::size_t count() const { return m_count; }

    std::span<const std::string_view> names() const { return m_names; }

private:
    std::size_t m_capacity;
    std::size_t m_count = 0;
    std::vector<std::string_view> m_names;
};

} // namespace vtrguard::alerts
