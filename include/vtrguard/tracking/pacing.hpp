#pragma once

#include <vtrguard/core/clock.hpp>

#include <chrono>
#include <cstdint>

namespace vtrguard::tracking {

// Monotonic time for pacing and deadlines; passed in so tests choose it.
using Instant = std::chrono::steady_clock::time_point;

// A token bucket: `rate` tokens a second, at most `burst` saved up. A rate of 0 means no limit.
// Not thread-safe (the loop thread owns it).
class TokenBucket {
public:
    TokenBucket(double rate_per_second, double burst, Instant now);

    // How long until a token is available; zero when one is.
    std::chrono::nanoseconds wait_time(Instant now);

    // Takes a token when one is available.
    bool try_take(Instant now);

    // No token before `until` (the server said Retry-After); the bucket empties.
    void pause_until(Instant until);

    bool is_unlimited() const { return m_rate <= 0; }

private:
    void refill(Instant now);

    double m_rate;
    double m_burst;
    double m_tokens;
    Instant m_last;
    Instant m_paused_until{};
};

// A per-day request budget that resets at 00:00 UTC. A limit of 0 means no limit.
class DailyQuota {
public:
    explicit DailyQuota(std::uint32_t limit)
        : m_limit(limit) {}

    // Counts one request for the day of `now`; false when the day's budget is spent.
    bool try_take(core::TimePoint now);

    std::uint32_t used(core::TimePoint now) const;

private:
    static std::int64_t day_of(core::TimePoint now);

    std::uint32_t m_limit;
    std::int64_t m_day = -1;
    std::uint32_t m_used = 0;
};

// How long to wait before retry number `attempt` (1-based): base * 2^(attempt-1), capped, with
// "equal jitter" (`jitter` in [0, 1) picks a point in the upper half), and never less than the
// server's Retry-After.
std::chrono::milliseconds backoff_delay(int attempt,
                                        std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap,
                                        double jitter,
                                        std::chrono::seconds retry_after);

// Closed: requests flow. `threshold` consecutive failures open it: requests fail fast. After
// `cooldown` one probe is let through (half-open); its success closes the breaker, its failure
// opens it again. Not thread-safe.
class CircuitBreaker {
public:
    enum class State : std::uint8_t { closed, open, half_open };

    CircuitBreaker(int threshold, std::chrono::milliseconds cooldown)
        : m_threshold(threshold)
        , m_cooldown(cooldown) {}

    // Whether a request may go now. In half-open state this lets exactly one probe through.
    bool allow(Instant now);

    void record_success();
    void record_failure(Instant now);

    State state() const { return m_state; }

    // When an open breaker lets its probe through.
    Instant reopens_at() const { return m_opened_at + m_cooldown; }

private:
    int m_threshold;
    std::chrono::milliseconds m_cooldown;
    State m_state = State::closed;
    int m_failures = 0;
    Instant m_opened_at{};
    bool m_is_probing = false;
};

} // namespace vtrguard::tracking
