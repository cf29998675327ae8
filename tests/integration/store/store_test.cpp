#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>
#include <vtrguard/store/store.hpp>

#include <doctest/doctest.h>

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

TEST_CASE("store: new and changed orders are due; earliest_due follows next_due_at") {
    const test::TempDir dir;
    auto store = store::Store::open(dir / "v.db").value();
    CHECK_FALSE(store.earliest_due().value());
    REQUIRE(store.upsert(patch_of("113-1"), at("2026-11-26T00:00:00Z")));
    const auto due = store.load_due(at("2026-11-26T00:00:00Z"), 10).value();
    REQUIRE(due.size() == 1);
    CHECK(due[0].order.order_id == "113-1");
    const store::SweepWrite write{due[0].row_id, store::k_never_due, "", ""};
    REQUIRE(store.write_sweep({&write, 1}, at("2026-11-26T00:00:00Z")));
    CHECK(store.load_due(at("2026-11-26T00:00:00Z"), 10).value().empty());
    CHECK_FALSE(store.earliest_due().value());
}
