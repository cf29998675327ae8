// What a lookup costs: tries counted per lookup, not per HTTP request, and refusals whose body
// was lost retried. Request counts come from the fake's own log of what it was asked.

#include "tracker_fixture.hpp"

#include <vtrguard/tracking/tracker.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using carriers::TrackStatus;
using fakes::Fault;
using fakes::Shipment;
using test::TrackerFixture;
using tracking::LookupOutcome;

namespace {

constexpr const char* k_usps = "9400578845886028813994";
constexpr const char* k_postal = "RR231488734FR";

} // namespace

TEST_CASE_FIXTURE(TrackerFixture, "tracker: a refusal with a cut or unreadable body is retried") {
    server.set_default_shipment(Shipment::found_with_scans);
    SUBCASE("usps: a 400 cut short, then one in HTML") {
        server.push_fault("usps", Fault::refused_cut);
        server.push_fault("usps", Fault::refused_html);
        const auto lookup = track_one(k_usps);
        CHECK(lookup.api == "usps");
        CHECK(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.result.status == TrackStatus::in_transit);
        CHECK(lookup.attempts == 3);
        CHECK(server.requests_for("usps", k_usps) == 3);
    }
    SUBCASE("usps: unreadable every time ends unreachable, never rejected") {
        carrier("usps").max_attempts = 2;
        carrier("17track").is_enabled = false; // no fallback: the USPS answer is the last word
        server.push_fault("usps", Fault::refused_cut, 2);
        const auto lookup = track_one(k_usps);
        CHECK(lookup.outcome == LookupOutcome::unreachable);
        CHECK(lookup.detail.find("unreadable body") != std::string::npos);
        CHECK(lookup.detail.find("gave up after 2 attempts") != std::string::npos);
        CHECK(server.requests_for("usps", k_usps) == 2);
    }
    SUBCASE("17track: a 400 in HTML on gettrackinfo") {
        server.push_fault("17track_gettrackinfo", Fault::refused_html);
        const auto lookup = track_one(k_postal);
        CHECK(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.attempts == 2);
        CHECK(server.requests_for("17track", k_postal) == 4); // two tries of two steps
    }
}

TEST_CASE_FIXTURE(TrackerFixture, "tracker: max_attempts counts lookup tries, not HTTP requests") {
    server.set_shipment(k_postal, Shipment::found_with_scans);
    carrier("17track").max_attempts = 4;
    SUBCASE("17TRACK's register + gettrackinfo is one try") {
        server.push_fault("17track_gettrackinfo", Fault::server_error, 3);
        const auto lookup = track_one(k_postal);
        CHECK(lookup.api == "17track");
        CHECK(lookup.outcome == LookupOutcome::tracked);
        CHECK(lookup.attempts == 4);
        CHECK(server.requests("17track") == 8);
        CHECK(server.requests_for("17track", k_postal) == 8);
    }
    SUBCASE("it gives up after max_attempts tries") {
        server.push_fault("17track_gettrackinfo", Fault::server_error, 4);
        const auto lookup = track_one(k_postal);
        CHECK(lookup.outcome == LookupOutcome::unreachable);
        CHECK(lookup.attempts == 4);
        CHECK(lookup.detail.find("gave up after 4 attempts") != std::string::npos);
        CHECK(server.requests_for("17track", k_postal) == 8);
    }
}
