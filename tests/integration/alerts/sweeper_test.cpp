#include "support/manual_clock.hpp"
#include "support/sweep_events.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/time.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <algorithm>

using namespace vtrguard;
using namespace std::chrono_literals;
using alerts::EventKind;
using alerts::Level;

namespace {

using vtrguard::test::at;
constexpr auto find = vtrguard::test::find_event;

constexpr std::string_view k_valid_ups = "1Z5R89390357567127";

struct SweepFixture {
    test::TempDir dir;
    test::ManualClock clock{at("2026-11-27T10:00:00Z")};
    config::Config config = config::defaults();
    carriers::Validator validator{carriers::Ruleset::builtin()};
    std::optional<store::Store> store{store::Store::open(dir / "v.db").value()};

    void put(const std::string& id,
             std::string_view tracking,
             std::string_view carrier = "ups",
             std::string_view ship_by = "2026-11-27T18:00:00Z") {
        store::OrderPatch patch;
        patch.values.order_id = id;
        patch.values.tracking_number = tracking;
        patch.values.carrier = carrier;
        patch.values.ship_by = at(ship_by);
        patch.set(store::OrderField::tracking_number);
        patch.set(store::OrderField::carrier);
        patch.set(store::OrderField::ship_by);
        REQUIRE(store->upsert(patch, clock.now()));
    }

    void set_status(const std::string& id, store::OrderStatus status) {
        store::OrderPatch patch;
        patch.values.order_id = id;
        patch.values.status = status;
        patch.set(store::OrderField::status);
        REQUIRE(store->upsert(patch, clock.now()));
    }

    alerts::SweepResult sweep() {
        alerts::Sweeper sweeper(*store, config, validator);
        auto result = sweeper.sweep(clock.now());
        REQUIRE(result);
        return *result;
    }

    void reopen() {
        store.reset();
        store = store::Store::open(dir / "v.db").value();
    }
};

} // namespace

TEST_CASE_FIXTURE(SweepFixture, "sweeper: each condition is raised once") {
    put("113-missing", "");
    put("113-invalid", "1Z5R89390357567128");
    put("113-mismatch", "1Z5R89390357567145", "usps");
    put("113-dup-a", "1Z5R89390357567136");
    put("113-dup-b", "1z5r8939 0357567136");
    put("113-late", k_valid_ups, "ups", "2026-11-27T09:00:00Z");
    const auto result = sweep();
    CHECK(result.orders_checked == 6);
    REQUIRE(find(result, "113-missing", "TRACKING_MISSING"));
    CHECK(find(result, "113-missing", "TRACKING_MISSING")->level == Level::warning);
    REQUIRE(find(result, "113-invalid", "TRACKING_INVALID"));
    CHECK(find(result, "113-invalid", "TRACKING_INVALID")->detail.find("bad_check_digit") == 0);
    CHECK(find(result, "113-mismatch", "CARRIER_MISMATCH"));
    REQUIRE(find(result, "113-dup-a", "TRACKING_DUPLICATE"));
    CHECK(find(result, "113-dup-a", "TRACKING_DUPLICATE")->detail == "also on order 113-dup-b");
    CHECK(find(result, "113-dup-b", "TRACKING_DUPLICATE"));
    REQUIRE(find(result, "113-late", "SHIP_BY_MISSED"));
    CHECK(find(result, "113-late", "SHIP_BY_MISSED")->level == Level::critical);
    CHECK(result.events.size() == 6);
    CHECK(result.next_due == at("2026-11-27T14:00:00Z"));

    CHECK(sweep().events.empty());
    CHECK(store->open_alerts().value().size() == 6);
}

TEST_CASE_FIXTURE(SweepFixture,
                  "sweeper: escalates on thresholds and never repeats after a restart") {
    clock.set(at("2026-11-26T12:00:00Z"));
    put("113-1", "");
    CHECK(sweep().events.empty()); // 30 h before ship-by: still quiet
    clock.set(at("2026-11-26T18:00:00Z"));
    auto result = sweep();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0].level == Level::warning);

    reopen();
    CHECK(sweep().events.empty());
    clock.set(at("2026-11-27T14:00:00Z"));
    result = sweep();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0].kind == EventKind::escalated);
    CHECK(result.events[0].level == Level::error);

    reopen();
    clock.set(at("2026-11-27T17:00:00Z"));
    result = sweep();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0].level == Level::critical);
    reopen();
    CHECK(sweep().events.empty());
}

TEST_CASE_FIXTURE(SweepFixture,
                  "sweeper: fixing an order resolves its alert, and its duplicate's") {
    put("113-a", k_valid_ups);
    put("113-b", k_valid_ups);
    REQUIRE(sweep().events.size() == 2);
    put("113-b", "1Z5R89390357567136");
    const auto result = sweep();
    REQUIRE(find(result, "113-b", "TRACKING_DUPLICATE"));
    CHECK(find(result, "113-b", "TRACKING_DUPLICATE")->kind == EventKind::resolved);
    REQUIRE(find(result, "113-a", "TRACKING_DUPLICATE"));
    CHECK(find(result, "113-a", "TRACKING_DUPLICATE")->kind == EventKind::resolved);
    CHECK(store->open_alerts().value().empty());
}

TEST_CASE_FIXTURE(SweepFixture,
                  "sweeper: a shipped order's alerts resolve; a cancelled one is no duplicate") {
    put("113-a", "");
    REQUIRE(sweep().events.size() == 1);
    set_status("113-a", store::OrderStatus::shipped);
    auto result = sweep();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0].kind == EventKind::resolved);

    put("113-c", k_valid_ups);
    set_status("113-c", store::OrderStatus::cancelled);
    put("113-d", k_valid_ups);
    result = sweep();
    CHECK_FALSE(find(result, "113-d", "TRACKING_DUPLICATE"));
}

TEST_CASE_FIXTURE(SweepFixture,
                  "sweeper: an order another program wrote with next_due_at NULL is swept") {
    put("113-a", "");
    sweep();
    {
        SQLite::Database other((dir / "v.db").string(), SQLite::OPEN_READWRITE);
        other.exec("INSERT INTO orders (order_id, ship_by, next_due_at) "
                   "VALUES ('113-b', unixepoch('2026-11-27T18:00:00'), NULL)");
        other.exec("UPDATE orders SET carrier = 'usps', next_due_at = 0 WHERE order_id = '113-a'");
    }
    const auto result = sweep();
    CHECK(find(result, "113-b", "TRACKING_MISSING"));
    CHECK(result.orders_checked == 2);
}

TEST_CASE_FIXTURE(SweepFixture, "sweeper: new lead times move every threshold") {
    put("113-1", "", "ups", "2026-11-28T08:00:00Z"); // 22 h away: a warning
    alerts::Sweeper sweeper(*store, config, validator);
    REQUIRE(sweeper.sweep(clock.now()).value().events.size() == 1);
    config.lead_times.error = 23h;
    REQUIRE(sweeper.reconfigure(config));
    const auto result = sweeper.sweep(clock.now()).value();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0].kind == EventKind::escalated);
}
