// Duplicates and wake-ups the sweep finds through the queue, the plain-key index and the
// stored keys of numbers typed otherwise (migration 4, docs/store.md).
#include "support/manual_clock.hpp"
#include "support/sweep_events.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

using namespace vtrguard;
using alerts::EventKind;

namespace {

using vtrguard::test::at;
constexpr auto find = vtrguard::test::find_event;

constexpr std::string_view k_valid_ups = "1Z5R89390357567127";
// The same number as a Chinese input method types it: full-width, with a full-width space.
constexpr std::string_view k_full_width_ups =
    "\xEF\xBC\x91\xEF\xBC\xBA\xEF\xBC\x95\xEF\xBC\xB2\xEF\xBC\x98\xEF\xBC\x99\xE3\x80\x80"
    "39035 7567127";

struct DuplicateFixture {
    test::TempDir dir;
    test::ManualClock clock{at("2026-11-27T10:00:00Z")};
    config::Config config = config::defaults();
    carriers::Validator validator{carriers::Ruleset::builtin()};
    std::optional<store::Store> store{store::Store::open(dir / "v.db").value()};

    void put(const std::string& id, std::string_view tracking) {
        store::OrderPatch patch;
        patch.values.order_id = id;
        patch.values.tracking_number = tracking;
        patch.values.carrier = "ups";
        patch.values.ship_by = at("2026-11-28T18:00:00Z"); // 32 h away: no lead-time alert
        patch.set(store::OrderField::tracking_number);
        patch.set(store::OrderField::carrier);
        patch.set(store::OrderField::ship_by);
        REQUIRE(store->upsert(patch, clock.now()));
    }

    alerts::SweepResult sweep() {
        alerts::Sweeper sweeper(*store, config, validator);
        auto result = sweeper.sweep(clock.now());
        REQUIRE(result);
        return *result;
    }

    std::int64_t count(const std::string& sql) {
        SQLite::Database database((dir / "v.db").string(), SQLite::OPEN_READONLY);
        return database.execAndGet(sql).getInt64();
    }
};

} // namespace

TEST_CASE_FIXTURE(DuplicateFixture, "sweep: a number typed full-width duplicates the plain one") {
    REQUIRE(validator.validate(k_full_width_ups).normalized.text() == k_valid_ups);
    put("113-plain", k_valid_ups);
    put("113-wide", k_full_width_ups);
    const auto result = sweep(); // the first sweep reads in bulk
    CHECK(find(result, "113-plain", "TRACKING_DUPLICATE"));
    CHECK(find(result, "113-wide", "TRACKING_DUPLICATE"));
    // Only the number that normalizes otherwise than its plain key needs a stored check.
    CHECK(count("SELECT count(*) FROM tracking_checks") == 1);
    CHECK(count("SELECT count(*) FROM verdicts WHERE verdict = 'ok' "
                "AND tracking_key = '1Z5R89390357567127'")
          == 2);
}

TEST_CASE_FIXTURE(DuplicateFixture,
                  "sweep: a later order with the same number flags the earlier one too") {
    put("113-plain", k_valid_ups);
    CHECK(sweep().events.empty());
    put("113-wide", k_full_width_ups);
    const auto result = sweep(); // one order queued: probed one by one
    REQUIRE(find(result, "113-wide", "TRACKING_DUPLICATE"));
    REQUIRE(find(result, "113-plain", "TRACKING_DUPLICATE"));
    CHECK(result.orders_checked == 2);

    put("113-third", k_valid_ups);
    const auto again = sweep();
    REQUIRE(find(again, "113-third", "TRACKING_DUPLICATE"));
    CHECK(find(again, "113-third", "TRACKING_DUPLICATE")->detail
          == "also on order 113-plain, 113-wide");
}

TEST_CASE_FIXTURE(DuplicateFixture, "sweep: deleting an order resolves its partner's duplicate") {
    put("113-a", k_valid_ups);
    put("113-b", k_valid_ups);
    REQUIRE(sweep().events.size() == 2);
    {
        SQLite::Database other((dir / "v.db").string(), SQLite::OPEN_READWRITE);
        other.exec("DELETE FROM orders WHERE order_id = '113-b'");
    }
    const auto result = sweep();
    REQUIRE(find(result, "113-a", "TRACKING_DUPLICATE"));
    CHECK(find(result, "113-a", "TRACKING_DUPLICATE")->kind == EventKind::resolved);
    CHECK(count("SELECT count(*) FROM sweep_queue") == 0);
}

TEST_CASE_FIXTURE(DuplicateFixture, "sweep: an order nobody wrote is woken by its lead time") {
    put("113-a", "");
    CHECK(sweep().events.empty()); // 32 h before ship-by
    CHECK(count("SELECT count(*) FROM sweep_queue") == 0);
    clock.set(at("2026-11-27T19:00:00Z")); // 23 h before: warning
    auto result = sweep();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0].code == "TRACKING_MISSING");
    CHECK(result.orders_checked == 1);
    // Two thresholds passed while the daemon was down: one sweep, one escalation.
    clock.set(at("2026-11-28T17:30:00Z"));
    result = sweep();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0].kind == EventKind::escalated);
    CHECK(result.events[0].level == alerts::Level::critical);
}

TEST_CASE_FIXTURE(DuplicateFixture, "sweep: the next due time is the next threshold") {
    put("113-a", "");
    const auto result = sweep();
    REQUIRE(result.next_due);
    CHECK(*result.next_due == at("2026-11-27T18:00:00Z")); // ship-by minus the 24 h warning
}

TEST_CASE_FIXTURE(DuplicateFixture,
                  "sweep: one number on thousands of orders names a few of them") {
    // More than one chunk of the sweep (4,096 orders), so holders come from the store too.
    constexpr int k_orders = 5000;
    {
        SQLite::Database writer((dir / "v.db").string(), SQLite::OPEN_READWRITE);
        SQLite::Transaction transaction(writer);
        SQLite::Statement insert(writer,
                                 "INSERT INTO orders (order_id, ship_by, carrier, tracking_number) "
                                 "VALUES (?, ?, 'ups', ?)");
        for (int i = 0; i < k_orders; ++i) {
            insert.reset();
            insert.bind(1, fmt::format("113-{:05}", i));
            insert.bind(2,
                        std::chrono::duration_cast<std::chrono::seconds>(
                            at("2026-11-28T18:00:00Z").time_since_epoch())
                            .count());
            insert.bind(3, std::string(k_valid_ups));
            insert.exec();
        }
        transaction.commit();
    }
    const auto result = sweep();
    // Orders of the first chunk are judged again once the second is known to share their number.
    CHECK(result.orders_checked >= k_orders);
    std::size_t raised = 0;
    for (const auto& event : result.events) {
        REQUIRE(event.code == "TRACKING_DUPLICATE");
        raised += event.kind == EventKind::raised ? 1U : 0U;
        // A count and the first orders by id, never the order itself.
        CHECK(event.detail.starts_with("also on 4,999 other orders, e.g. 113-0000"));
        CHECK(event.detail.find(event.order_id) == std::string::npos);
    }
    CHECK(raised == k_orders);
    CHECK(find(result, "113-00001", "TRACKING_DUPLICATE")->detail
          == "also on 4,999 other orders, e.g. 113-00000, 113-00002, 113-00003");
    CHECK(find(result, "113-04999", "TRACKING_DUPLICATE")->detail
          == "also on 4,999 other orders, e.g. 113-00000, 113-00001, 113-00002");
    // The details stay short: the alerts table holds no list of thousands.
    CHECK(count("SELECT max(length(detail)) FROM alerts") < 80);

    // A later order joins: it counts them all; the others' alerts stand as raised.
    put("113-late", k_valid_ups);
    const auto again = sweep();
    REQUIRE(find(again, "113-late", "TRACKING_DUPLICATE"));
    CHECK(find(again, "113-late", "TRACKING_DUPLICATE")->detail
          == "also on 5,000 other orders, e.g. 113-00000, 113-00001, 113-00002");
    CHECK(again.events.size() == 1);
}

TEST_CASE_FIXTURE(DuplicateFixture, "sweep: cancelled orders are neither counted nor named") {
    put("113-a", k_valid_ups);
    put("113-b", k_valid_ups);
    put("113-c", k_valid_ups);
    {
        SQLite::Database other((dir / "v.db").string(), SQLite::OPEN_READWRITE);
        other.exec("UPDATE orders SET status = 'cancelled' WHERE order_id = '113-b'");
    }
    const auto result = sweep();
    REQUIRE(find(result, "113-a", "TRACKING_DUPLICATE"));
    CHECK(find(result, "113-a", "TRACKING_DUPLICATE")->detail == "also on order 113-c");
    CHECK(find(result, "113-c", "TRACKING_DUPLICATE")->detail == "also on order 113-a");
    CHECK_FALSE(find(result, "113-b", "TRACKING_DUPLICATE"));
}
