#include "support/manual_clock.hpp"

#include <vtrguard/alerts/carrier_conditions.hpp>
#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;
using alerts::Condition;
using alerts::EventKind;
using alerts::Level;
using carriers::TrackStatus;
using tracking::LookupOutcome;

namespace {

using vtrguard::test::at;

// An order shipped with a UPS label at 08:00, ship-by far away, and what the lookups learnt.
struct CarrierFixture {
    test::ManualClock clock{at("2026-11-20T08:00:00Z")};
    config::LeadTimes lead;
    store::Order order;
    alerts::TrackingCheck tracking{carriers::Reason::ok, ""};
    std::vector<std::string> duplicates;
    std::vector<store::OpenAlert> open;
    std::optional<store::CarrierLookup> lookup;
    std::chrono::seconds no_scan_after = 24h;

    CarrierFixture() {
        order.order_id = "113-1";
        order.ship_by = at("2026-11-30T18:00:00Z");
        order.carrier = "ups";
        order.tracking_number = "1Z5R89390357567127";
        order.ship_confirmed_at = at("2026-11-20T08:00:00Z");
    }

    // Records a lookup answered now.
    void answered(TrackStatus status, bool is_scanned = false) {
        store::CarrierLookup state = lookup.value_or(store::CarrierLookup{});
        if (!lookup) {
            state.first_at = clock.now();
        }
        state.number = "1Z5R89390357567127";
        state.checked_at = clock.now();
        state.outcome = LookupOutcome::tracked;
        state.status = status;
        state.has_physical_scan = is_scanned;
        state.detail.clear();
        ++state.attempts;
        lookup = state;
    }

    void failed(LookupOutcome outcome, std::string detail) {
        store::CarrierLookup state = lookup.value_or(store::CarrierLookup{});
        if (!lookup) {
            state.first_at = clock.now();
        }
        state.number = "1Z5R89390357567127";
        state.checked_at = clock.now();
        state.outcome = outcome;
        state.detail = std::move(detail);
        ++state.attempts;
        lookup = state;
    }

    alerts::Decision decide() {
        const alerts::OrderFacts facts{
            &order, tracking, duplicates, open, lookup ? &*lookup : nullptr, no_scan_after};
        auto decision = alerts::decide(facts, clock.now(), lead);
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

TEST_CASE_FIXTURE(CarrierFixture,
                  "carrier: a label never scanned raises no_carrier_scan after "
                  "no_scan_after, and the scan resolves it") {
    answered(TrackStatus::label_created);
    auto decision = decide();
    CHECK(decision.events.empty()); // a label-created event is not a scan, but it is early
    CHECK(decision.next_due == at("2026-11-21T08:00:00Z"));

    clock.set(at("2026-11-21T07:59:59Z"));
    answered(TrackStatus::label_created);
    CHECK(decide().events.empty());

    clock.set(at("2026-11-21T08:00:00Z"));
    decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].condition == Condition::no_carrier_scan);
    CHECK(decision.events[0].code == "CARRIER_NO_SCAN");
    CHECK(decision.events[0].kind == EventKind::raised);
    CHECK(decision.events[0].level == Level::warning);
    CHECK(decision.events[0].detail.find("label_created") != std::string::npos);
    CHECK(decision.events[0].detail.find("ship-confirm") != std::string::npos);

    clock.advance(6h);
    answered(TrackStatus::label_created);
    CHECK(decide().events.empty()); // no repeat

    answered(TrackStatus::in_transit, true);
    decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].condition == Condition::no_carrier_scan);
    CHECK(decision.events[0].kind == EventKind::resolved);
    CHECK(decision.next_due == at("2026-11-29T18:00:00Z")); // only the lead times are left
}

TEST_CASE_FIXTURE(CarrierFixture,
                  "carrier: without ship-confirm, the scan clock starts at the "
                  "first lookup") {
    order.ship_confirmed_at.reset();
    clock.set(at("2026-11-20T10:00:00Z"));
    answered(TrackStatus::label_created);
    CHECK(decide().next_due == at("2026-11-21T10:00:00Z"));
    clock.set(at("2026-11-21T10:00:00Z"));
    answered(TrackStatus::label_created);
    const auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].detail.find("the first lookup") != std::string::npos);
}

TEST_CASE_FIXTURE(CarrierFixture, "carrier: the order's own first scan counts as a scan") {
    clock.set(at("2026-11-22T08:00:00Z"));
    answered(TrackStatus::label_created);
    REQUIRE(decide().events.size() == 1);
    order.first_scan_at = at("2026-11-20T12:00:00Z");
    const auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].kind == EventKind::resolved);
}

TEST_CASE_FIXTURE(CarrierFixture,
                  "carrier: a shipped order keeps its carrier alerts; a "
                  "cancelled one resolves them") {
    order.status = store::OrderStatus::shipped;
    clock.set(at("2026-11-22T08:00:00Z"));
    answered(TrackStatus::label_created);
    REQUIRE(decide().events.size() == 1);
    order.status = store::OrderStatus::cancelled;
    const auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].kind == EventKind::resolved);
}

TEST_CASE_FIXTURE(CarrierFixture, "carrier: not found for a confirmed shipment warns at once") {
    answered(TrackStatus::not_found);
    auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].condition == Condition::carrier_not_found);
    CHECK(decision.events[0].code == "CARRIER_NOT_FOUND");
    CHECK(decision.events[0].level == Level::warning);

    SUBCASE("not before no_scan_after does it become no_carrier_scan, and never both") {
        clock.advance(25h);
        answered(TrackStatus::not_found);
        CHECK(decide().events.empty());
    }
    SUBCASE("the carrier learning the number resolves it") {
        clock.advance(1h);
        answered(TrackStatus::label_created);
        decision = decide();
        REQUIRE(decision.events.size() == 1);
        CHECK(decision.events[0].condition == Condition::carrier_not_found);
        CHECK(decision.events[0].kind == EventKind::resolved);
    }
}

TEST_CASE_FIXTURE(CarrierFixture,
                  "carrier: not found before ship-confirm waits for the warning "
                  "window") {
    order.ship_confirmed_at.reset();
    answered(TrackStatus::not_found);
    CHECK(decide().events.empty());
    clock.set(at("2026-11-29T18:00:00Z")); // 24 h before ship-by
    answered(TrackStatus::not_found);
    const auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].condition == Condition::carrier_not_found);
    CHECK(decision.events[0].level == Level::warning);
}

TEST_CASE_FIXTURE(CarrierFixture,
                  "carrier: unreachable says so before the deadline, and an "
                  "answer resolves it") {
    order.ship_confirmed_at.reset();
    failed(LookupOutcome::unreachable, "503 from the carrier");
    CHECK(decide().events.empty());        // ship-by is days away
    clock.set(at("2026-11-30T15:00:00Z")); // 3 h left: error
    failed(LookupOutcome::unreachable, "503 from the carrier");
    auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].condition == Condition::carrier_unreachable);
    CHECK(decision.events[0].code == "CARRIER_UNREACHABLE");
    CHECK(decision.events[0].level == Level::error);
    CHECK(decision.events[0].detail.find("unreachable: 503 from the carrier") != std::string::npos);

    answered(TrackStatus::in_transit, true);
    decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].kind == EventKind::resolved);
}

TEST_CASE_FIXTURE(CarrierFixture, "carrier: format checks only and no lookup stay silent") {
    clock.set(at("2026-11-30T17:30:00Z"));
    CHECK(decide().events.empty());
    failed(LookupOutcome::format_only, "no carrier API with credentials covers ups");
    CHECK(decide().events.empty());
}

TEST_CASE_FIXTURE(CarrierFixture,
                  "carrier: a shipped order that could not be verified warns "
                  "once its scan is due") {
    order.status = store::OrderStatus::shipped;
    failed(LookupOutcome::forbidden, "403: not permitted");
    CHECK(decide().events.empty());
    clock.advance(24h);
    failed(LookupOutcome::forbidden, "403: not permitted");
    const auto decision = decide();
    REQUIRE(decision.events.size() == 1);
    CHECK(decision.events[0].condition == Condition::carrier_unreachable);
    CHECK(decision.events[0].level == Level::warning);
}
