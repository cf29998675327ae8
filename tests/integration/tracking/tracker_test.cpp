#include "tracker_fixture.hpp"

#include <vtrguard/tracking/tracker.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace vtrguard;
using carriers::TrackStatus;
using fakes::Fault;
using fakes::Shipment;
using test::TrackerFixture;
using tracking::LookupOutcome;

namespace {

constexpr const char* k_ups = "1Z2GK9AJ6341270237";
constexpr const char* k_ups_other = "1Z2Y913V8984708072";
constexpr const char* k_usps = "9400578845886028813994";
constexpr const char* k_dhl = "1360910832";
constexpr const char* k_postal = "RR231488734FR";

} // namespace

TEST_CASE_FIXTURE(TrackerFixture, "ups: each scenario normalises") {
    SUBCASE("found with scans: in transit, first physical scan is the pickup") {
        server.set_shipment(k_ups, Shipment::found_with_scans);
        const auto lookup = track_one(k_ups);
        REQUIRE(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.carrier == "ups");
        CHECK(lookup.result.status == TrackStatus::in_transit);
        CHECK(lookup.result.has_physical_scan);
        REQUIRE(lookup.result.first_scan.has_value());
        CHECK(*lookup.result.first_scan == test::k_march_first + 12 * 3600);
        CHECK(lookup.result.events.size() == 3);
    }
    SUBCASE("label created only: no physical scan") {
        server.set_shipment(k_ups, Shipment::label_created);
        const auto lookup = track_one(k_ups);
        REQUIRE(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.result.status == TrackStatus::label_created);
        CHECK_FALSE(lookup.result.has_physical_scan);
        CHECK_FALSE(lookup.result.first_scan.has_value());
    }
    SUBCASE("not found as HTTP 200 with warning TW0001") {
        server.set_shipment(k_ups, Shipment::not_found);
        const auto lookup = track_one(k_ups);
        REQUIRE(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.result.status == TrackStatus::not_found);
    }
    SUBCASE("not found as HTTP 404") {
        server.set_shipment(k_ups, Shipment::not_found_404);
        const auto lookup = track_one(k_ups);
        REQUIRE(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.result.status == TrackStatus::not_found);
    }
    SUBCASE("delivered") {
        server.set_shipment(k_ups, Shipment::delivered);
        const auto lookup = track_one(k_ups);
        CHECK(lookup.result.status == TrackStatus::delivered);
        CHECK(lookup.result.has_physical_scan);
    }
    CHECK(server.token_requests("ups") == 1);
}

TEST_CASE_FIXTURE(TrackerFixture, "usps: 403 is forbidden, not not-found - 150001 is not found") {
    auto& covers = carrier("17track").covers; // USPS alone: no fallback in this case
    covers.erase(std::remove(covers.begin(), covers.end(), "usps"), covers.end());
    server.set_shipment(k_usps, Shipment::forbidden);
    CHECK(track_one(k_usps).outcome == LookupOutcome::forbidden);
    server.set_shipment(k_usps, Shipment::not_found);
    const auto missing = track_one(k_usps);
    REQUIRE(missing.outcome == LookupOutcome::tracked);
    CHECK(missing.result.status == TrackStatus::not_found);
    server.set_shipment(k_usps, Shipment::out_for_delivery);
    const auto out = track_one(k_usps);
    CHECK(out.result.status == TrackStatus::out_for_delivery);
    CHECK(out.result.has_physical_scan);
}

TEST_CASE_FIXTURE(TrackerFixture, "dhl: sends the service and reads the unified shape") {
    server.set_shipment(k_dhl, Shipment::returned);
    const auto lookup = track_one(k_dhl);
    REQUIRE(lookup.outcome == LookupOutcome::tracked); // the fake refuses requests without service
    CHECK(lookup.result.status == TrackStatus::returned);
    server.set_shipment(k_dhl, Shipment::label_created);
    const auto label = track_one(k_dhl);
    CHECK(label.result.status == TrackStatus::label_created);
    CHECK_FALSE(label.result.has_physical_scan);
}

TEST_CASE_FIXTURE(TrackerFixture, "usps: a number USPS refuses is asked of 17TRACK instead") {
    server.set_shipment(k_usps, Shipment::forbidden); // the fake's 17TRACK reads it as not found
    const auto lookup = track_one(k_usps);
    CHECK(lookup.api == "17track");
    CHECK(lookup.carrier == "usps");
    CHECK(lookup.outcome == LookupOutcome::tracked);
    CHECK(lookup.result.status == TrackStatus::not_found);
    CHECK(server.requests("usps") >= 1);
    CHECK(server.requests("17track") >= 1);
}

TEST_CASE_FIXTURE(TrackerFixture, "17track: registers, then queries") {
    server.set_shipment(k_postal, Shipment::found_with_scans);
    const auto lookup = track_one(k_postal);
    REQUIRE(lookup.outcome == LookupOutcome::tracked);
    CHECK(lookup.api == "17track");
    CHECK(lookup.result.status == TrackStatus::in_transit);
    CHECK(lookup.result.has_physical_scan);
    CHECK(server.requests("17track") == 2);
}

TEST_CASE_FIXTURE(TrackerFixture, "17track: covers every national post through postal") {
    constexpr const char* k_swiss = "RR231488734CH"; // Swiss Post is not listed in covers
    server.set_shipment(k_swiss, Shipment::found_with_scans);
    const auto lookup = track_one(k_swiss);
    REQUIRE(lookup.outcome == LookupOutcome::tracked);
    CHECK(lookup.carrier == "swiss_post");
    CHECK(lookup.api == "17track");
    CHECK(lookup.result.has_physical_scan);
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: format-invalid numbers are never sent") {
    const auto lookup = track_one("1Z2GK9AJ6341270238"); // wrong check digit
    CHECK(lookup.outcome == LookupOutcome::invalid_format);
    CHECK_FALSE(lookup.detail.empty());
    const auto mismatch = track_one(k_ups, "fedex");
    CHECK(mismatch.outcome == LookupOutcome::invalid_format);
    CHECK(server.requests("ups") == 0);
    CHECK(server.requests("fedex") == 0);
}

TEST_CASE_FIXTURE(TrackerFixture,
                  "tracker: a carrier without credentials gets format checks only") {
    carrier("ups").secret = {};
    const auto lookup = track_one(k_ups);
    CHECK(lookup.outcome == LookupOutcome::format_only);
    CHECK(server.requests("ups") == 0);
    CHECK(sink->text().find("ups: no credentials configured") != std::string::npos);
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: the token is refreshed once on a 401") {
    server.set_default_shipment(Shipment::found_with_scans);
    http::CurlClient client(io.get_executor(), {});
    tracking::Tracker tracker(io.get_executor(), client, settings, clock, log);
    std::vector<tracking::Lookup> answers;
    auto keep = [&](tracking::Lookup lookup) { answers.push_back(std::move(lookup)); };
    tracker.track(k_ups, "", keep);
    io.run();
    io.restart();
    server.expire_tokens();
    tracker.track(k_ups_other, "", keep);
    io.run();
    REQUIRE(answers.size() == 2);
    CHECK(answers[1].outcome == LookupOutcome::tracked);
    CHECK(answers[1].attempts == 1);
    CHECK(server.token_requests("ups") == 2);
    CHECK(server.requests("ups") == 3); // ok, 401, ok
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: a refused secret is reported, not retried forever") {
    setenv(test::k_secret_env, "wrong-secret", 1); // NOLINT
    const auto lookup = track_one(k_ups);
    CHECK(lookup.outcome == LookupOutcome::rejected);
    CHECK(server.token_requests("ups") == 1);
    CHECK(server.requests("ups") == 0);
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: no secret or token reaches the log") {
    server.set_default_shipment(Shipment::found_with_scans);
    server.push_fault("ups", Fault::unauthorized);
    track({k_ups, k_usps, k_dhl, k_postal});
    const auto text = sink->text();
    CHECK(text.find("token obtained") != std::string::npos);
    CHECK(text.find("GET " + server.url()) != std::string::npos);
    CHECK(text.find(fakes::k_fake_secret) == std::string::npos);
    CHECK(text.find("tok-") == std::string::npos);
}
