#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/report/evaluate.hpp>
#include <vtrguard/report/history.hpp>
#include <vtrguard/report/outcome_stream.hpp>
#include <vtrguard/report/shipment_rows.hpp>
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using vtrguard::test::at;

void add_unscanned(store::Store& db, const std::string& id, const std::string& number) {
    store::OrderPatch patch;
    patch.values.order_id = id;
    patch.values.status = store::OrderStatus::shipped;
    patch.values.carrier = "ups";
    patch.values.tracking_number = number;
    patch.values.ship_confirmed_at = at("2026-03-01T10:00:00Z");
    patch.values.deliver_by = at("2026-03-04T10:00:00Z");
    for (const auto field : {store::OrderField::status,
                             store::OrderField::carrier,
                             store::OrderField::tracking_number,
                             store::OrderField::ship_confirmed_at,
                             store::OrderField::deliver_by}) {
        patch.set(field);
    }
    REQUIRE(db.upsert(patch, at("2026-03-01T10:00:00Z")).has_value());
}

store::LookupWrite failed_lookup(const std::string& id, const std::string& number) {
    store::LookupWrite write;
    write.order_id = id;
    write.lookup.number = number;
    write.lookup.first_at = at("2026-03-01T11:00:00Z");
    write.lookup.checked_at = at("2026-03-09T06:00:00Z");
    write.lookup.outcome = tracking::LookupOutcome::unreachable;
    write.lookup.attempts = 4;
    write.lookup.detail = "ups: HTTP 503";
    return write;
}

} // namespace

TEST_CASE("shipment rows: the last carrier lookup of the current number turns never scanned "
          "into carrier unreachable") {
    const test::TempDir dir;
    const auto path = dir / "orders.db";
    auto db = store::Store::open(path);
    REQUIRE(db.has_value());
    add_unscanned(*db, "asked", "1Z5R89390357567127");
    add_unscanned(*db, "never-asked", "1Z5R89390357567128");
    add_unscanned(*db, "old-number", "1Z5R89390357567129");
    // The lookup of "old-number" was of another number.
    const std::vector<store::LookupWrite> writes{failed_lookup("asked", "1Z5R89390357567127"),
                                                 failed_lookup("old-number", "1Z5R89390357567000")};
    REQUIRE(db->record_lookups(writes).has_value());
    {
        // As a sweep leaves numbers it found valid: out of the queue, no tracking_checks row.
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
        raw.exec("DELETE FROM sweep_queue");
    }

    const auto policies = config::default_marketplaces();
    std::vector<std::pair<report::Shipment, report::Outcome>> judged;
    const auto read =
        report::for_each_outcome(path,
                                 policies,
                                 at("2026-03-20T00:00:00Z"),
                                 at("2026-03-01T00:00:00Z"),
                                 at("2026-04-01T00:00:00Z"),
                                 [&judged](const auto& shipment, const auto& outcome) {
                                     judged.emplace_back(shipment, outcome);
                                 });
    REQUIRE(read.has_value());
    REQUIRE(judged.size() == 3);
    for (const auto& [shipment, outcome] : judged) {
        CAPTURE(shipment.order_id);
        CHECK(outcome.status == report::Status::not_valid);
        if (shipment.order_id == "asked") {
            CHECK(outcome.cause == report::Cause::carrier_unreachable);
            CHECK(shipment.lookup_attempts == 4);
            CHECK(report::evidence(shipment, outcome, policies.front(), core::TimeZone{})
                      .ends_with("the last carrier lookup at 2026-03-09T06:00:00Z ended "
                                 "unreachable after 4 attempts: ups: HTTP 503"));
        } else {
            CHECK(outcome.cause == report::Cause::never_scanned);
            CHECK_FALSE(shipment.lookup_outcome.has_value());
        }
    }
}

TEST_CASE("shipment rows: one pass, then the orders sharing a number read again by row id") {
    const test::TempDir dir;
    const auto path = dir / "orders.db";
    auto db = store::Store::open(path);
    REQUIRE(db.has_value());
    add_unscanned(*db, "first", "1Z5R89390357567127");
    add_unscanned(*db, "second", "1Z 5R8 939 0357 567127"); // the same number, spaced
    add_unscanned(*db, "alone", "1Z5R89390357567128");      // a bad check digit
    const auto now = at("2026-03-20T00:00:00Z");

    auto reader = report::ShipmentReader::open(path);
    REQUIRE(reader.has_value());
    report::HistoryBuilder builder(config::default_marketplaces(), now, 30, 24h, {});
    std::vector<std::string> seen;
    const auto rows = reader->for_each(
        at("2026-02-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), [&](const auto& shipment, auto id) {
            seen.push_back(shipment.order_id);
            builder.add(shipment, id);
        });
    REQUIRE(rows.has_value());
    CHECK(*rows == 3);
    CHECK(seen == std::vector<std::string>{"first", "second", "alone"});
    const auto ids = builder.reuse_candidates();
    REQUIRE(ids.size() == 2);
    const auto again = reader->by_ids(ids);
    REQUIRE(again.has_value());
    REQUIRE(again->size() == 2);
    CHECK(again->at(0).second.order_id == "first");
    CHECK(again->at(1).second.order_id == "second");

    const auto history = std::move(builder).finish(*again);
    REQUIRE(history.failing.size() == 3);
    CHECK(history.failing[0].shipment.order_id == "alone");
    CHECK(history.failing[0].cause == report::Cause::invalid_format); // its check digit
    CHECK(history.failing[1].cause == report::Cause::number_reused);
    CHECK(history.failing[2].cause == report::Cause::number_reused);
    CHECK(history.period.overall.not_valid == 3);
}
