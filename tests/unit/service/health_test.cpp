#include "support/manual_clock.hpp"

#include <vtrguard/service/health.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;
using vtrguard::test::at;

TEST_CASE("health: failing longer than stall_after stalls once, until the work succeeds") {
    test::ManualClock clock{at("2026-11-20T08:00:00Z")};
    service::Health health{10min};
    health.succeeded(service::Work::sweep, clock.now());
    CHECK(health.last_good_sweep() == clock.now());

    clock.advance(1min);
    health.failed(service::Work::sweep, clock.now(), "sweep: begin: database is locked");
    CHECK_FALSE(health.is_stalled(clock.now()));
    CHECK_FALSE(health.take_new_stall(clock.now()));

    clock.advance(9min + 59s);
    health.failed(service::Work::sweep, clock.now(), "sweep: begin: database is locked");
    CHECK_FALSE(health.is_stalled(clock.now()));

    clock.advance(1s);
    CHECK(health.is_stalled(clock.now()));
    CHECK(health.take_new_stall(clock.now()));
    CHECK_FALSE(health.take_new_stall(clock.now())); // said once
    const auto text = health.stalled_text(clock.now());
    CHECK(text.find("alert=DAEMON_STALLED") == 0);
    CHECK(text.find("work=sweep failing_since=2026-11-20T08:01:00Z minutes=10")
          != std::string::npos);
    CHECK(text.find("last_good_sweep=2026-11-20T08:00:00Z") != std::string::npos);
    CHECK(text.find("database is locked") != std::string::npos);

    // Intake working does not end a stalled sweep.
    health.succeeded(service::Work::intake, clock.now());
    CHECK(health.is_stalled(clock.now()));

    health.succeeded(service::Work::sweep, clock.now());
    CHECK_FALSE(health.is_stalled(clock.now()));
    CHECK_FALSE(health.failing());
    // A new stall is said again.
    health.failed(service::Work::intake, clock.now(), "inbox: a.csv: disk I/O error");
    clock.advance(10min);
    CHECK(health.take_new_stall(clock.now()));
    REQUIRE(health.failing());
    CHECK(health.failing()->work == service::Work::intake);
}

TEST_CASE("health: a daemon that never swept says so") {
    test::ManualClock clock{at("2026-11-20T08:00:00Z")};
    service::Health health{1min};
    health.failed(service::Work::sweep, clock.now(), "sweep: begin: database is locked");
    clock.advance(1min);
    CHECK(health.take_new_stall(clock.now()));
    CHECK(health.stalled_text(clock.now()).find("last_good_sweep=never") != std::string::npos);
}
