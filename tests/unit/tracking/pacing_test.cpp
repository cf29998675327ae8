#include "support/manual_clock.hpp"

#include <vtrguard/tracking/pacing.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;
using tracking::CircuitBreaker;
using tracking::Instant;

TEST_CASE("token bucket: spends the burst, then paces at the rate") {
    const Instant start{};
    tracking::TokenBucket bucket(4, 2, start);
    CHECK(bucket.try_take(start));
    CHECK(bucket.try_take(start));
    CHECK_FALSE(bucket.try_take(start));
    CHECK(bucket.wait_time(start) == 250ms);
    CHECK_FALSE(bucket.try_take(start + 249ms));
    CHECK(bucket.try_take(start + 250ms));
    // Over 10 s at 4/s: 40 more tokens, no more.
    int taken = 0;
    for (auto now = start + 250ms; now <= start + 10250ms; now += 10ms) {
        taken += bucket.try_take(now) ? 1 : 0;
    }
    CHECK(taken == 40);
}

TEST_CASE("token bucket: a pause empties it - rate 0 is unlimited") {
    const Instant start{};
    tracking::TokenBucket bucket(100, 10, start);
    bucket.pause_until(start + 2s);
    CHECK(bucket.wait_time(start + 1s) == 1s);
    CHECK_FALSE(bucket.try_take(start + 1999ms));
    CHECK(bucket.try_take(start + 2010ms));
    tracking::TokenBucket unlimited(0, 1, start);
    for (int i = 0; i < 1000; ++i) {
        REQUIRE(unlimited.try_take(start));
    }
}

TEST_CASE("daily quota: resets at 00:00 UTC") {
    test::ManualClock clock(core::TimePoint{std::chrono::sys_days{std::chrono::year{2025} / 3 / 1}}
                            + 23h + 59min);
    tracking::DailyQuota quota(2);
    CHECK(quota.try_take(clock.now()));
    CHECK(quota.try_take(clock.now()));
    CHECK_FALSE(quota.try_take(clock.now()));
    clock.advance(60s);
    CHECK(quota.used(clock.now()) == 0);
    CHECK(quota.try_take(clock.now()));
}

TEST_CASE("backoff: doubles, caps, jitters, honours Retry-After") {
    CHECK(tracking::backoff_delay(1, 1000ms, 60s, 1.0, 0s) == 1000ms);
    CHECK(tracking::backoff_delay(1, 1000ms, 60s, 0.0, 0s) == 500ms);
    CHECK(tracking::backoff_delay(3, 1000ms, 60s, 1.0, 0s) == 4000ms);
    CHECK(tracking::backoff_delay(20, 1000ms, 60s, 1.0, 0s) == 60s);
    CHECK(tracking::backoff_delay(1, 1000ms, 60s, 0.5, 30s) == 30s);
}

TEST_CASE("circuit breaker: opens after N failures, probes once after the cool-down") {
    const Instant start{};
    CircuitBreaker breaker(3, 10s);
    breaker.record_failure(start);
    breaker.record_failure(start);
    breaker.record_success(); // consecutive failures only
    breaker.record_failure(start);
    breaker.record_failure(start);
    CHECK(breaker.state() == CircuitBreaker::State::closed);
    breaker.record_failure(start);
    CHECK(breaker.state() == CircuitBreaker::State::open);
    CHECK_FALSE(breaker.allow(start + 9s));
    CHECK(breaker.allow(start + 10s)); // the probe
    CHECK(breaker.state() == CircuitBreaker::State::half_open);
    CHECK_FALSE(breaker.allow(start + 10s)); // only one
    breaker.record_failure(start + 11s);
    CHECK(breaker.state() == CircuitBreaker::State::open);
    CHECK_FALSE(breaker.allow(start + 20s));
    CHECK(breaker.allow(start + 21s));
    breaker.record_success();
    CHECK(breaker.state() == CircuitBreaker::State::closed);
    CHECK(breaker.allow(start + 21s));
}
