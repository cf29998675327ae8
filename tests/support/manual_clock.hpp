#pragma once

#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/time.hpp>

#include <string_view>

namespace vtrguard::test {

// The instant an ISO-8601 text names; the test's own data, so a bad one is a bug in the test.
inline core::TimePoint at(std::string_view text) {
    return core::parse_instant(text).value();
}

// A clock that moves only when the test says so.
class ManualClock final : public core::Clock {
public:
    explicit ManualClock(core::TimePoint start)
        : m_now(start) {}

    core::TimePoint now() const override { return m_now; }

    void advance(std::chrono::seconds by) { m_now += by; }

    void set(core::TimePoint to) { m_now = to; }

private:
    core::TimePoint m_now;
};

} // namespace vtrguard::test
