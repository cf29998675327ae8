#pragma once

#include <vtrguard/alerts/sweeper.hpp>

#include <algorithm>
#include <string_view>

namespace vtrguard::test {

// The event a sweep logged for `order` with `code`, or nullptr.
inline const alerts::AlertEvent*
find_event(const alerts::SweepResult& result, std::string_view order, std::string_view code) {
    const auto found =
        std::find_if(result.events.begin(), result.events.end(), [&](const auto& event) {
            return event.order_id == order && event.code == code;
        });
    return found == result.events.end() ? nullptr : &*found;
}

} // namespace vtrguard::test
