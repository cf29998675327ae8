#include "support/manual_clock.hpp"

#include <vtrguard/core/time.hpp>
#include <vtrguard/report/rate.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;
using report::Cause;
using report::Status;

namespace {

using vtrguard::test::at;

constexpr std::chrono::seconds k_window = 24h * 30;

report::Shipment shipped(std::string id, core::TimePoint confirmed) {
    report::Shipment shipment;
    shipment.order_id = std::move(id);
    shipment.marketplace = "amazon.com";
    shipment.category = "toys";
    shipment.carrier = "UPS";
    shipment.carrier_code = "ups";
    shipment.tracking_number = "1Z5R89390357567127";
    shipment.tracking_key = shipment.order_id + "-key";
    shipment.verdict = "ok";
    shipment.ship_confirmed_at = confirmed;
    shipment.deliver_by = confirmed + 72h;
    shipment.first_scan_at = confirmed + 6h;
    return shipment;
}

struct Fixture {
    test::ManualClock clock{at("2026-03-31T12:00:00Z")};
    std::vector<config::MarketplacePolicy> policies = config::default_marketplaces();
    std::vector<report::Shipment> shipments;

    report::VtrSummary vtr() {
        return report::compute_vtr(shipments, policies, clock.now(), k_window);
    }

    report::Outcome judge(const report::Shipment& shipment) {
        return report::evaluate(shipment, policies.front(), false, clock.now());
    }
};

} // namespace

TEST_CASE_FIXTURE(Fixture, "vtr: no shipments gives no rate, not 0 or 100") {
    const auto summary = vtr();
    CHECK(summary.overall.total == 0);
    CHECK_FALSE(summary.overall.rate().has_value());
    CHECK_FALSE(summary.overall.worst_case().has_value());
    CHECK(summary.by_category.empty());
}

TEST_CASE_FIXTURE(Fixture, "vtr: counts valid and invalid per category, carrier, marketplace") {
    shipments.push_back(shipped("1", at("2026-03-20T10:00:00Z")));
    shipments.push_back(shipped("2", at("2026-03-20T10:00:00Z")));
    auto missing = shipped("3", at("2026-03-21T10:00:00Z"));
    missing.tracking_number.clear();
    missing.category = "books";
    shipments.push_back(missing);
    const auto summary = vtr();
    CHECK(summary.overall.total == 3);
    CHECK(summary.overall.valid == 2);
    CHECK(summary.overall.not_valid == 1);
    CHECK(summary.overall.rate().value() == doctest::Approx(66.6667).epsilon(0.001));
    REQUIRE(summary.by_category.size() == 2);
    CHECK(summary.by_category[0].name == "books");
    CHECK(summary.by_category[0].counts.rate().value() == doctest::Approx(0.0));
    CHECK(summary.by_category[1].counts.rate().value() == doctest::Approx(100.0));
    CHECK(summary.overall.causes.at(static_cast<std::size_t>(Cause::tracking_missing)) == 1);
    REQUIRE(summary.by_carrier.size() == 1);
    CHECK(summary.by_carrier[0].name == "ups");
    CHECK(summary.by_marketplace.at(0).counts.total == 3);
}

TEST_CASE_FIXTURE(Fixture, "vtr: the window selects by promised delivery date, both ends") {
    const auto now = clock.now();
    auto inside = shipped("in", now - 40h * 24);
    inside.deliver_by = now - k_window + 1s; // confirmed long ago, promised within the window
    auto outside = shipped("out", now - 5h * 24);
    outside.deliver_by = now - k_window; // exactly 30 days ago: out
    auto future = shipped("future", now - 24h);
    future.deliver_by = now + 1s; // promised after now: not yet measured
    auto no_promise = shipped("fallback", now - 24h);
    no_promise.deliver_by.reset(); // falls back to ship-confirm time
    shipments = {inside, outside, future, no_promise};
    const auto summary = vtr();
    CHECK(summary.overall.total == 2);
    clock.advance(1s); // the first one leaves the window, the future one enters
    const auto later = vtr();
    CHECK(later.overall.total == 2);
    clock.advance(24h * 30);
    CHECK(vtr().overall.total == 0);
}

TEST_CASE_FIXTURE(Fixture, "vtr: cancelled orders are counted apart, never in the rate") {
    auto cancelled = shipped("c", at("2026-03-20T10:00:00Z"));
    cancelled.is_cancelled = true;
    cancelled.tracking_number.clear();
    shipments = {cancelled, shipped("ok", at("2026-03-20T10:00:00Z"))};
    const auto summary = vtr();
    CHECK(summary.overall.total == 1);
    CHECK(summary.overall.cancelled == 1);
    CHECK(summary.overall.rate().value() == doctest::Approx(100.0));
}

TEST_CASE_FIXTURE(Fixture, "vtr: pending until no_scan_after, then never scanned") {
    auto waiting = shipped("w", clock.now() - 24h * 2);
    waiting.first_scan_at.reset();
    waiting.deliver_by = clock.now() - 1h;
    shipments = {waiting, shipped("ok", clock.now() - 24h * 3)};
    auto summary = vtr();
    CHECK(summary.overall.pending == 1);
    CHECK_FALSE(summary.overall.rate().value() < 100.0);
    CHECK(summary.overall.best_case().value() == doctest::Approx(100.0));
    CHECK(summary.overall.worst_case().value() == doctest::Approx(50.0));
    clock.advance(24h * 5 - 1s);
    CHECK(judge(waiting).status == Status::pending);
    clock.advance(1s);
    CHECK(judge(waiting).status == Status::not_valid);
    CHECK(judge(waiting).cause == Cause::never_scanned);
}

TEST_CASE_FIXTURE(Fixture, "vtr: no scan and a failed last lookup is carrier_unreachable") {
    auto shipment = shipped("u-1", at("2026-03-10T10:00:00Z"));
    shipment.first_scan_at.reset();
    CHECK(judge(shipment).cause == Cause::never_scanned);
    shipment.lookup_checked_at = at("2026-03-30T08:00:00Z");
    shipment.lookup_attempts = 3;
    shipment.lookup_detail = "ups: timed out after 10000 ms";
    for (const auto outcome : {tracking::LookupOutcome::unreachable,
                               tracking::LookupOutcome::forbidden,
                               tracking::LookupOutcome::rejected}) {
        CAPTURE(tracking::lookup_outcome_name(outcome));
        shipment.lookup_outcome = outcome;
        const auto verdict = judge(shipment);
        CHECK(verdict.status == Status::not_valid);
        CHECK(verdict.cause == Cause::carrier_unreachable);
    }
    shipment.lookup_outcome = tracking::LookupOutcome::unreachable;
    CHECK(report::evidence(shipment, judge(shipment), policies.front(), core::TimeZone{})
          == "ship_confirmed_at=2026-03-10T10:00:00Z, no carrier scan known: the last carrier "
             "lookup at 2026-03-30T08:00:00Z ended unreachable after 3 attempts: ups: timed out "
             "after 10000 ms");
    // The carrier answered without a scan, or was never asked: the parcel was not handed over.
    for (const auto outcome :
         {tracking::LookupOutcome::tracked, tracking::LookupOutcome::format_only}) {
        shipment.lookup_outcome = outcome;
        CHECK(judge(shipment).cause == Cause::never_scanned);
    }
    // Still within the allowed time it waits, and a known scan decides whatever the lookups say.
    shipment.lookup_outcome = tracking::LookupOutcome::unreachable;
    auto recent = shipment;
    recent.ship_confirmed_at = clock.now() - 24h;
    CHECK(judge(recent).status == Status::pending);
    shipment.first_scan_at = *shipment.ship_confirmed_at + 2h;
    CHECK(judge(shipment).status == Status::valid);
}

TEST_CASE_FIXTURE(Fixture, "vtr: a number scanned after the allowed time is scanned late") {
    auto late = shipped("late", at("2026-03-10T10:00:00Z"));
    late.first_scan_at = *late.ship_confirmed_at + 24h * 7 + 1s;
    CHECK(judge(late).status == Status::not_valid);
    CHECK(judge(late).cause == Cause::scanned_late);
    late.first_scan_at = *late.ship_confirmed_at + 24h * 7;
    CHECK(judge(late).status == Status::valid);
}

TEST_CASE_FIXTURE(Fixture, "vtr: causes follow the fixed order of the taxonomy") {
    auto shipment = shipped("x", at("2026-03-10T10:00:00Z"));
    SUBCASE("other carrier") {
        shipment.carrier = "Other";
        shipment.carrier_code = "other";
        CHECK(judge(shipment).cause == Cause::carrier_not_integrated);
    }
    SUBCASE("bad check digit") {
        shipment.verdict = "bad_check_digit";
        CHECK(judge(shipment).cause == Cause::invalid_format);
    }
    SUBCASE("carrier mismatch") {
        shipment.verdict = "carrier_mismatch";
        CHECK(judge(shipment).cause == Cause::wrong_carrier);
    }
    SUBCASE("uploaded after delivery") {
        shipment.tracking_uploaded_at = *shipment.deliver_by + 1h;
        CHECK(judge(shipment).cause == Cause::uploaded_after_confirm);
    }
    SUBCASE("reused number") {
        auto twin = shipped("y", at("2026-03-11T10:00:00Z"));
        twin.tracking_key = shipment.tracking_key;
        const std::vector<report::Shipment> both{shipment, twin};
        const auto outcomes = report::evaluate_all(both, policies, clock.now());
        CHECK(outcomes[0].cause == Cause::number_reused);
        CHECK(outcomes[1].cause == Cause::number_reused);
    }
}

TEST_CASE_FIXTURE(Fixture, "vtr: exempt service levels under the value are counted apart") {
    auto letter = shipped("l", at("2026-03-20T10:00:00Z"));
    letter.service_level = "Standard Mail";
    letter.order_value = 4.99;
    letter.tracking_number.clear();
    shipments = {letter};
    CHECK(vtr().overall.exempt == 1);
    CHECK(vtr().overall.total == 0);
    shipments[0].order_value = 10.0;
    CHECK(vtr().overall.not_valid == 1);
}

TEST_CASE_FIXTURE(Fixture, "vtr: China to US at $5 needs two scans") {
    auto parcel = shipped("cn", at("2026-03-20T10:00:00Z"));
    parcel.ship_from_country = "CN";
    parcel.ship_to_country = "US";
    parcel.order_value = 5.0;
    CHECK(judge(parcel).is_lane_unverified);
    parcel.scan_count = 1;
    CHECK(judge(parcel).status == Status::not_valid);
    parcel.scan_count = 2;
    CHECK(judge(parcel).status == Status::valid);
    parcel.order_value = 4.99;
    parcel.scan_count = 1;
    CHECK(judge(parcel).status == Status::valid);
}
