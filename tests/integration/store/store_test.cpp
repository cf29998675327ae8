#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>
#include <vtrguard/store/store.hpp>

#include <doctest/doctest.h>

#include <array>

using namespace vtrguard;

namespace {

using vtrguard::test::at;

store::OrderPatch patch_of(std::string id) {
    store::OrderPatch patch;
    patch.values.order_id = std::move(id);
    return patch;
}

} // namespace

TEST_CASE("store: opens, migrates once and reopens at the same version") {
    const test::TempDir dir;
    {
        auto store = store::Store::open(dir / "v.db");
        REQUIRE(store);
        CHECK(store->schema_version().value() == store::k_schema_version);
    }
    auto again = store::Store::open(dir / "v.db");
    REQUIRE(again);
    CHECK(again->schema_version().value() == store::k_schema_version);
    CHECK_FALSE(store::Store::open(dir / "no-such-folder" / "v.db"));
}

TEST_CASE("store: upsert inserts, updates only carried fields, and spots no-ops") {
    const test::TempDir dir;
    auto store = store::Store::open(dir / "v.db").value();
    auto patch = patch_of("113-1");
    patch.values.ship_by = at("2026-11-27T18:00:00Z");
    patch.set(store::OrderField::ship_by);
    patch.values.carrier = "ups";
    patch.set(store::OrderField::carrier);
    CHECK(store.upsert(patch, at("2026-11-26T00:00:00Z")).value()
          == store::UpsertOutcome::inserted);
    CHECK(store.upsert(patch, at("2026-11-26T00:00:00Z")).value()
          == store::UpsertOutcome::unchanged);

    auto tracking = patch_of("113-1");
    tracking.values.tracking_number = "1Z5R89390357567127";
    tracking.set(store::OrderField::tracking_number);
    CHECK(store.upsert(tracking, at("2026-11-26T01:00:00Z")).value()
          == store::UpsertOutcome::updated);

    const auto order = store.find_order("113-1").value();
    REQUIRE(order);
    CHECK(order->ship_by == at("2026-11-27T18:00:00Z"));
    CHECK(order->carrier == "ups");
    CHECK(order->tracking_number == "1Z5R89390357567127");
    CHECK(order->status == store::OrderStatus::awaiting);
    CHECK_FALSE(store.find_order("113-2").value());
}

TEST_CASE("store: a rolled-back transaction leaves nothing behind") {
    const test::TempDir dir;
    auto store = store::Store::open(dir / "v.db").value();
    {
        auto transaction = store::Transaction::begin(store).value();
        REQUIRE(store.upsert(patch_of("113-9"), at("2026-11-26T00:00:00Z")));
    }
    CHECK_FALSE(store.is_in_transaction());
    CHECK_FALSE(store.find_order("113-9").value());
}

TEST_CASE("store: written orders are queued until a sweep finishes") {
    const test::TempDir dir;
    auto store = store::Store::open(dir / "v.db").value();
    const auto now = at("2026-11-26T00:00:00Z");
    const std::array<std::int64_t, 1> no_leads{0};
    CHECK_FALSE(store.earliest_due(now, no_leads).value());
    REQUIRE(store.upsert(patch_of("113-1"), now));
    CHECK(store.queued_count().value() == 1);
    CHECK(store.earliest_due(now, no_leads).value() == now);
    // A reused buffer: what the earlier read left in it must not leak into this one.
    std::vector<vtrguard::store::DueOrder> due(3);
    due[0].check = vtrguard::store::StoredCheck{"KEY", "bad_check_digit"};
    due[0].open_alerts.push_back({});
    due[0].timer = 5;
    REQUIRE(store.load_queued(0, 10, {}, due));
    REQUIRE(due.size() == 1);
    CHECK(due[0].order.order_id == "113-1");
    CHECK_FALSE(due[0].check);
    CHECK_FALSE(due[0].timer);
    CHECK(due[0].open_alerts.empty());
    REQUIRE(store.finish_sweep({now, "settings"}));
    REQUIRE(store.load_queued(0, 10, {}, due));
    CHECK(due.empty());
    CHECK(store.sweep_state().value()->settings == "settings");
    // Applying the same patch again writes nothing, so nothing is queued.
    REQUIRE(store.upsert(patch_of("113-1"), now));
    CHECK(store.queued_count().value() == 0);
}

TEST_CASE("store: the next due time is the next lead-time crossing") {
    const test::TempDir dir;
    auto store = store::Store::open(dir / "v.db").value();
    auto patch = patch_of("113-1");
    patch.values.ship_by = at("2026-11-26T12:00:00Z");
    patch.set(store::OrderField::ship_by);
    REQUIRE(store.upsert(patch, at("2026-11-26T00:00:00Z")));
    REQUIRE(store.finish_sweep({at("2026-11-26T00:00:00Z"), ""}));
    const std::array<std::int64_t, 2> leads{4 * 3600, 0};
    CHECK(store.earliest_due(at("2026-11-26T00:00:00Z"), leads).value()
          == at("2026-11-26T08:00:00Z"));
    CHECK(store.earliest_due(at("2026-11-26T08:00:00Z"), leads).value()
          == at("2026-11-26T12:00:00Z"));
    CHECK_FALSE(store.earliest_due(at("2026-11-26T12:00:00Z"), leads).value());
}
