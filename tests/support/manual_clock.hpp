#pragma once

#include <vtrguard/core/clock.hpp>

namespace vtrguard::test {

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
