#include "tracker_fixture.hpp"

#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/tracking/tracker.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

using namespace vtrguard;
using carriers::TrackStatus;
using fakes::Fault;
using fakes::Shipment;
using test::TrackerFixture;
using tracking::LookupOutcome;

namespace {

constexpr const char* k_ups = "1Z2GK9AJ6341270237";

// `count` distinct valid FedEx 12-digit numbers.
std::vector<std::string> fedex_numbers(std::size_t count) {
    const auto& rules = carriers::Ruleset::builtin();
    const carriers::Validator validator(rules);
    const auto fedex = rules.find_carrier("fedex");
    std::vector<std::string> numbers;
    for (long long candidate = 734579430190; numbers.size() < count; ++candidate) {
        auto number = fmt::format("{:012}", candidate);
        if (validator.validate(number, fedex).is_valid()) {
            numbers.push_back(std::move(number));
        }
    }
    return numbers;
}

std::vector<std::string> ups_numbers(std::size_t count) {
    const auto& rules = carriers::Ruleset::builtin();
    const carriers::Validator validator(rules);
    std::vector<std::string> numbers;
    for (int serial = 1000000; numbers.size() < count; ++serial) {
        for (int check = 0; check < 10; ++check) {
            auto number = fmt::format("1Z2GK9AJ63{}{}", serial, check);
            if (validator.validate(number).is_valid()) {
                numbers.push_back(std::move(number));
                break;
            }
        }
    }
    return numbers;
}

} // namespace

TEST_CASE_FIXTURE(TrackerFixture, "fedex: batches of at most 30, per-number errors") {
    const auto numbers = fedex_numbers(35);
    server.set_default_shipment(Shipment::found_with_scans);
    server.set_shipment(numbers[3], Shipment::label_created);
    server.set_shipment(numbers[4], Shipment::not_found);
    const auto answers = track(numbers);
    REQUIRE(answers.size() == 35);
    // Both batches are in flight at once, so they may arrive in either order; a retry on a
    // loaded machine may add a request. The split itself must be 30 and 5.
    const auto batches = server.batch_sizes("fedex");
    INFO("batches: " << fmt::format("{}", fmt::join(batches, ",")));
    CHECK(std::count(batches.begin(), batches.end(), 30) >= 1);
    CHECK(std::count(batches.begin(), batches.end(), 5) >= 1);
    CHECK(*std::max_element(batches.begin(), batches.end()) == 30);
    for (const auto& answer : answers) {
        REQUIRE(answer.outcome == LookupOutcome::tracked);
        if (answer.number == numbers[3]) {
            CHECK(answer.result.status == TrackStatus::label_created);
            CHECK_FALSE(answer.result.has_physical_scan);
        } else if (answer.number == numbers[4]) {
            CHECK(answer.result.status == TrackStatus::not_found);
        } else {
            CHECK(answer.result.status == TrackStatus::in_transit);
            CHECK(answer.result.has_physical_scan);
        }
    }
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: transient failures are retried, then given up") {
    server.set_default_shipment(Shipment::found_with_scans);
    carrier("ups").max_attempts = 3;
    SUBCASE("recovers on the third attempt") {
        server.push_fault("ups", Fault::server_error);
        server.push_fault("ups", Fault::not_json);
        const auto lookup = track_one(k_ups);
        CHECK(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.attempts == 3);
        CHECK(server.requests("ups") == 3);
    }
    SUBCASE("gives up after max_attempts") {
        server.push_fault("ups", Fault::server_error, 3);
        const auto lookup = track_one(k_ups);
        CHECK(lookup.outcome == LookupOutcome::unreachable);
        CHECK(lookup.attempts == 3);
        CHECK(lookup.detail.find("gave up after 3 attempts") != std::string::npos);
        CHECK(server.requests("ups") == 3);
    }
    SUBCASE("truncated and huge bodies are retried") {
        server.push_fault("ups", Fault::truncated);
        server.push_fault("ups", Fault::huge);
        const auto lookup = track_one(k_ups);
        CHECK(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.attempts == 3);
    }
    SUBCASE("a slow answer times out and is retried") {
        carrier("ups").timeout = std::chrono::milliseconds{300};
        server.set_slow_delay(std::chrono::milliseconds{1500});
        server.push_fault("ups", Fault::slow);
        const auto lookup = track_one(k_ups);
        CHECK(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.attempts == 2);
    }
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: 429 backs off, honouring Retry-After") {
    server.set_default_shipment(Shipment::found_with_scans);
    SUBCASE("with Retry-After: waits that long") {
        server.set_retry_after(std::chrono::seconds{1});
        server.push_fault("ups", Fault::retry_after);
        const auto started = std::chrono::steady_clock::now();
        const auto lookup = track_one(k_ups);
        CHECK(lookup.outcome == LookupOutcome::tracked);
        const auto times = server.request_times("ups");
        REQUIRE(times.size() == 2);
        CHECK(times[1] - times[0] >= std::chrono::milliseconds{990});
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds{3});
    }
    SUBCASE("without: exponential backoff") {
        server.push_fault("ups", Fault::rate_limited, 2);
        const auto lookup = track_one(k_ups);
        CHECK(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.attempts == 3);
        const auto times = server.request_times("ups");
        REQUIRE(times.size() == 3);
        CHECK(times[1] - times[0] >= std::chrono::milliseconds{5}); // half of the 10 ms base
    }
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: the circuit breaker opens, fails fast, and closes") {
    server.set_default_shipment(Shipment::found_with_scans);
    auto& ups = carrier("ups");
    ups.max_attempts = 1;
    ups.breaker_threshold = 2;
    ups.breaker_cooldown = std::chrono::milliseconds{300};
    server.push_fault("ups", Fault::server_error, 2);
    const auto fedex = fedex_numbers(1).front();

    http::CurlClient client(io.get_executor(), {});
    tracking::Tracker tracker(io.get_executor(), client, settings, clock, log);
    std::vector<tracking::Lookup> answers;
    auto keep = [&](tracking::Lookup lookup) { answers.push_back(std::move(lookup)); };
    auto run = [&] {
        io.run();
        io.restart();
    };
    tracker.track(k_ups, "", keep);
    run();
    tracker.track(k_ups, "", keep);
    run();
    CHECK(tracker.client("ups")->stats().breaker == tracking::CircuitBreaker::State::open);
    CHECK(tracker.client("ups")->stats().breaker_opens == 1);

    tracker.track(k_ups, "", keep); // fails fast: no request
    tracker.track(fedex, "", keep); // another carrier is not slowed
    run();
    REQUIRE(answers.size() == 4);
    CHECK(answers[2].outcome == LookupOutcome::unreachable);
    CHECK(answers[2].detail.find("circuit open") != std::string::npos);
    CHECK(answers[3].outcome == LookupOutcome::tracked);
    CHECK(server.requests("ups") == 2);

    boost::asio::steady_timer cool(io, std::chrono::milliseconds{350});
    cool.wait();
    tracker.track(k_ups, "", keep); // the half-open probe succeeds
    run();
    REQUIRE(answers.size() == 5);
    CHECK(answers[4].outcome == LookupOutcome::tracked);
    CHECK(tracker.client("ups")->stats().breaker == tracking::CircuitBreaker::State::closed);
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: requests are paced by the token bucket") {
    server.set_default_shipment(Shipment::found_with_scans);
    carrier("ups").requests_per_second = 20;
    carrier("ups").burst = 1;
    const auto numbers = ups_numbers(11);
    const auto answers = track(numbers);
    REQUIRE(answers.size() == 11);
    const auto times = server.request_times("ups");
    REQUIRE(times.size() == 11);
    const auto span = times.back() - times.front();
    CHECK(span >= std::chrono::milliseconds{475}); // 10 intervals of 50 ms, 5% slack
    CHECK(span < std::chrono::milliseconds{1500});
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: the daily quota stops requests") {
    server.set_default_shipment(Shipment::found_with_scans);
    carrier("ups").daily_quota = 2;
    carrier("ups").max_in_flight = 1;
    const auto answers = track(ups_numbers(3));
    REQUIRE(answers.size() == 3);
    int unreachable = 0;
    for (const auto& answer : answers) {
        if (answer.outcome == LookupOutcome::unreachable) {
            ++unreachable;
            CHECK(answer.detail.find("daily quota") != std::string::npos);
        }
    }
    CHECK(unreachable == 1);
    CHECK(server.requests("ups") == 2);
}
