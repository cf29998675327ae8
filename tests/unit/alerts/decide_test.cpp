#include "support/manual_clock.hpp"

#include <vtrguard/alerts/decide.hpp>
#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;
using alerts::Condition;
using alerts::EventKind;
using alerts::Level;

namespace {

using vtrguard::test::at;

struct Fixture {
    test::ManualClock clock{at("2026-11-26T18:00:00Z")};
    config::LeadTimes lead;
    store::Order order;
    alerts::TrackingCheck tracking;
    std::vector<std::string> duplicates;
    std::vector<store::OpenAlert> open;

    Fixture() {
        order.order_id = "113-1";
        order.ship_by = at("2026-11-27T18:00:00Z");
        order.carrier = "ups";
    }

    alerts::Decision decide() {
        const alerts::OrderFacts facts{&order, tracking, duplicates, open};
        auto decision = alerts::decide(facts, clock.now(), lead);
        // Remember what was raised, as the store would.
        for (const auto& event : decision.events) {
            std::erase_if(open,
                          [&](const auto& alert) { return alert.condition == event.condition; });
            if (event.kind != EventKind::resolved) {
                open.push_back({event.condition, event.level});
            }
        }
        return decision;
    }
};

} // namespace

TEST_CASE_FIXTURE(Fixture, "decide: a missing number is quiet until the warning window") {
    clock.set(at("2026-11-26T17:00:00Z")); // 25 h before ship-by
    auto decision = decide();
    CHECK(decision.events.empty());
    CHECK(decision.next_due == at("2026-11-26T18:00:00Z"));

    clock.set(at("2026-11-26T18:00:00Z"));
    decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].code == "TRACKING_MISSING");
    CHECK(decision.events[0].kind == EventKind::raised);
    CHECK(decision.events[0].level == Level::warning);
    CHECK(decision.events[0].time_left == 24h);
    CHECK(decision.next_due == at("2026-11-27T14:00:00Z"));

    clock.advance(1h);
    CHECK(decide().events.empty()); // no repeat at the same level
}

TEST_CASE_FIXTURE(Fixture, "decide: escalates at each lead time, then ship-by is missed") {
    decide();
    clock.set(at("2026-11-27T14:00:00Z"));
    auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].kind == EventKind::escalated);
    CHECK(decision.events[0].level == Level::error);
    CHECK(decision.next_due == at("2026-11-27T17:00:00Z"));

    clock.set(at("2026-11-27T17:00:00Z"));
    decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].level == Level::critical);
    CHECK(decision.next_due == at("2026-11-27T18:00:00Z"));

    clock.set(at("2026-11-27T18:00:00Z"));
    decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].condition == Condition::missed_ship_by);
    CHECK(decision.events[0].code == "SHIP_BY_MISSED");
    CHECK(decision.events[0].level == Level::critical);
    CHECK_FALSE(decision.next_due);
}

TEST_CASE_FIXTURE(Fixture, "decide: wrong numbers warn however far ship-by is") {
    clock.set(at("2026-11-20T00:00:00Z"));
    order.tracking_number = "1Z5R89390357567128";
    SUBCASE("invalid") {
        tracking = {carriers::Reason::bad_check_digit, "the check digit does not match"};
        const auto decision = decide();
        REQUIRE(decision.events.size() == 1);
        CHECK(decision.events[0].condition == Condition::invalid_tracking);
        CHECK(decision.events[0].level == Level::warning);
        CHECK(decision.events[0].detail.find("bad_check_digit") != std::string::npos);
    }
    SUBCASE("carrier mismatch") {
        tracking = {carriers::Reason::carrier_mismatch, "a UPS number declared as USPS"};
        const auto decision = decide();
        REQUIRE(decision.events.size() == 1);
        CHECK(decision.events[0].code == "CARRIER_MISMATCH");
    }
    SUBCASE("duplicate") {
        tracking = {carriers::Reason::ok, ""};
        duplicates = {"113-2"};
        const auto decision = decide();
        REQUIRE(decision.events.size() == 1);
        CHECK(decision.events[0].code == "TRACKING_DUPLICATE");
        CHECK(decision.events[0].detail == "also on order 113-2");
    }
}

TEST_CASE_FIXTURE(Fixture, "decide: a fixed order resolves its alerts once") {
    clock.set(at("2026-11-27T15:00:00Z"));
    REQUIRE(decide().events.size() == 1);
    order.tracking_number = "1Z5R89390357567127";
    tracking = {carriers::Reason::ok, ""};
    auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].kind == EventKind::resolved);
    CHECK(decision.events[0].level == Level::error);
    CHECK(decide().events.empty());
}

TEST_CASE_FIXTURE(Fixture, "decide: shipping or cancelling closes everything") {
    clock.set(at("2026-11-27T19:00:00Z"));
    CHECK(decide().events.size() == 2); // missing tracking and missed ship-by
    order.status = store::OrderStatus::cancelled;
    const auto decision = decide();
    CHECK(decision.events.size() == 2);
    for (const auto& event : decision.events) {
        CHECK(event.kind == EventKind::resolved);
    }
    CHECK_FALSE(decision.next_due);
}

TEST_CASE("decide: level_for follows the lead times") {
    const config::LeadTimes lead;
    CHECK_FALSE(alerts::level_for(25h, lead));
    CHECK(alerts::level_for(24h, lead) == Level::warning);
    CHECK(alerts::level_for(4h, lead) == Level::error);
    CHECK(alerts::level_for(1h, lead) == Level::critical);
    CHECK(alerts::level_for(-1h, lead) == Level::critical);
}

TEST_CASE("decide: a duplicate names every other order while few, then a count and examples") {
    const std::vector<std::string> two{"113-2", "113-3"};
    CHECK(alerts::duplicate_detail(two, 2) == "also on order 113-2, 113-3");
    const std::vector<std::string> three{"113-2", "113-3", "113-4"};
    CHECK(alerts::duplicate_detail(three, 19999)
          == "also on 19,999 other orders, e.g. 113-2, 113-3, 113-4");
    CHECK(alerts::duplicate_detail(three, 4) == "also on 4 other orders, e.g. 113-2, 113-3, 113-4");
    CHECK(alerts::duplicate_detail(three, 1234567)
          == "also on 1,234,567 other orders, e.g. 113-2, 113-3, 113-4");
    CHECK(alerts::duplicate_detail({}, 1000) == "also on 1,000 other orders");
}

TEST_CASE_FIXTURE(Fixture, "decide: a duplicate counted but not named is still raised") {
    tracking = {carriers::Reason::ok, ""};
    const std::vector<std::string> named{"113-2"};
    const alerts::OrderFacts facts{&order, tracking, named, open, nullptr, 24h, 5000};
    const auto decision = alerts::decide(facts, clock.now(), lead);
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].detail == "also on 5,000 other orders, e.g. 113-2");
}
