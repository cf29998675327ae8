#include <vtrguard/tracking/pacing.hpp>

#include <algorithm>
#include <cmath>

namespace vtrguard::tracking {

TokenBucket::TokenBucket(double rate_per_second, double burst, Instant now)
    : m_rate(rate_per_second)
    , m_burst(std::max(burst, 1.0))
    , m_tokens(std::max(burst, 1.0))
    , m_last(now) {}

void TokenBucket::refill(Instant now) {
    if (now <= m_last) {
        return;
    }
    const std::chrono::duration<double> elapsed = now - m_last;
    m_tokens = std::min(m_burst, m_tokens + elapsed.count() * m_rate);
    m_last = now;
}

std::chrono::nanoseconds TokenBucket::wait_time(Instant now) {
    if (now < m_paused_until) {
        return m_paused_until - now;
    }
    if (is_unlimited()) {
        return std::chrono::nanoseconds{0};
    }
    refill(now);
    if (m_tokens >= 1.0) {
        return std::chrono::nanoseconds{0};
    }
    const double seconds = (1.0 - m_tokens) / m_rate;
    return std::chrono::nanoseconds{static_cast<long long>(std::ceil(seconds * 1e9))};
}

bool TokenBucket::try_take(Instant now) {
    if (wait_time(now).count() > 0) {
        return false;
    }
    if (!is_unlimited()) {
        m_tokens -= 1.0;
    }
    return true;
}

void TokenBucket::pause_until(Instant until) {
    m_paused_until = std::max(m_paused_until, until);
    m_tokens = 0;
    m_last = std::max(m_last, until);
}

std::int64_t DailyQuota::day_of(core::TimePoint now) {
    return std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
}

bool DailyQuota::try_take(core::TimePoint now) {
    const auto day = day_of(now);
    if (day != m_day) {
        m_day = day;
        m_used = 0;
    }
    if (m_limit != 0 && m_used >= m_limit) {
        return false;
    }
    ++m_used;
    return true;
}

std::uint32_t DailyQuota::used(core::TimePoint now) const {
    return day_of(now) == m_day ? m_used : 0;
}

std::chrono::milliseconds backoff_delay(int attempt,
                                        std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap,
                                        double jitter,
                                        std::chrono::seconds retry_after) {
    const int doublings = std::clamp(attempt - 1, 0, 30);
    const double exponential =
        std::min(static_cast<double>(cap.count()),
                 static_cast<double>(base.count()) * std::ldexp(1.0, doublings));
    const double jittered = exponential * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0));
    const std::chrono::milliseconds delay{static_cast<long long>(jittered)};
    return std::max<std::chrono::milliseconds>(delay, retry_after);
}

bool CircuitBreaker::allow(Instant now) {
    switch (m_state) {
    case State::closed:
        return true;
    case State::open:
        if (now < reopens_at()) {
            return false;
        }
        m_state = State::half_open;
        m_is_probing = true;
        return true;
    case State::half_open:
        if (m_is_probing) {
            return false;
        }
        m_is_probing = true;
        return true;
    }
    return false;
}

void CircuitBreaker::record_success() {
    m_state = State::closed;
    m_failures = 0;
    m_is_probing = false;
}

void CircuitBreaker::record_failure(Instant now) {
    m_is_probing = false;
    if (m_state == State::half_open) {
        m_state = State::open;
        m_opened_at = now;
        return;
    }
    ++m_failures;
    if (m_state == State::closed && m_failures >= m_threshold) {
        m_state = State::open;
        m_opened_at = now;
    }
}

} // namespace vtrguard::tracking
