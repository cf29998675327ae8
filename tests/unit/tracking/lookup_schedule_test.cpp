#include "support/manual_clock.hpp"

#include <vtrguard/core/time.hpp>
#include <vtrguard/tracking/lookup_scheduler.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using vtrguard::test::at;

store::CarrierLookup made(int attempts, core::TimePoint checked_at) {
    store::CarrierLookup lookup;
    lookup.number = "1Z5R89390357567127";
    lookup.first_at = at("2026-11-20T08:00:00Z");
    lookup.checked_at = checked_at;
    lookup.outcome = tracking::LookupOutcome::tracked;
    lookup.status = carriers::TrackStatus::label_created;
    lookup.attempts = attempts;
    return lookup;
}

} // namespace

TEST_CASE("lookup schedule: the gap doubles from retry_min up to retry_max") {
    const config::LookupSchedule schedule; // 15 min, 6 h, 14 days
    const auto now = at("2026-11-20T09:00:00Z");
    CHECK(tracking::next_lookup_at(made(1, now), schedule) == now + 15min);
    CHECK(tracking::next_lookup_at(made(2, now), schedule) == now + 30min);
    CHECK(tracking::next_lookup_at(made(3, now), schedule) == now + 1h);
    CHECK(tracking::next_lookup_at(made(6, now), schedule) == now + 6h);
    CHECK(tracking::next_lookup_at(made(60, now), schedule) == now + 6h);
}

TEST_CASE("lookup schedule: stops at a scan, for numbers not sent, and after stop_after") {
    const config::LookupSchedule schedule;
    auto scanned = made(2, at("2026-11-20T09:00:00Z"));
    scanned.has_physical_scan = true;
    CHECK_FALSE(tracking::next_lookup_at(scanned, schedule));
    auto format_only = made(1, at("2026-11-20T09:00:00Z"));
    format_only.outcome = tracking::LookupOutcome::format_only;
    CHECK_FALSE(tracking::next_lookup_at(format_only, schedule));
    CHECK(tracking::next_lookup_at(made(9, at("2026-12-04T07:59:59Z")), schedule));
    CHECK_FALSE(tracking::next_lookup_at(made(9, at("2026-12-04T08:00:00Z")), schedule));
    auto unreachable = made(1, at("2026-11-20T09:00:00Z"));
    unreachable.outcome = tracking::LookupOutcome::unreachable;
    CHECK(tracking::next_lookup_at(unreachable, schedule) == at("2026-11-20T09:15:00Z"));
}
