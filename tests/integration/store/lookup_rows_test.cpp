#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using vtrguard::test::at;

constexpr std::string_view k_valid_ups = "1Z5R89390357567127";

struct LookupFixture {
    test::TempDir dir;
    test::ManualClock clock{at("2026-11-20T08:00:00Z")};
    config::Config config = config::defaults();
    carriers::Validator validator{carriers::Ruleset::builtin()};
    store::Store store{store::Store::open(dir / "v.db").value()};

    void put(const std::string& id, std::string_view tracking) {
        store::OrderPatch patch;
        patch.values.order_id = id;
        patch.values.tracking_number = tracking;
        patch.values.carrier = "ups";
        patch.values.ship_by = at("2026-11-30T18:00:00Z");
        patch.values.status = store::OrderStatus::shipped;
        patch.values.ship_confirmed_at = clock.now();
        for (auto field : {store::OrderField::tracking_number,
                           store::OrderField::carrier,
                           store::OrderField::ship_by,
                           store::OrderField::status,
                           store::OrderField::ship_confirmed_at}) {
            patch.set(field);
        }
        REQUIRE(store.upsert(patch, clock.now()));
    }

    std::vector<alerts::AlertEvent> sweep() {
        alerts::Sweeper sweeper(store, config, validator);
        return sweeper.sweep(clock.now()).value().events;
    }

    void record(const std::string& id, carriers::TrackStatus status, bool is_scanned) {
        store::LookupWrite write;
        write.order_id = id;
        auto& lookup = write.lookup;
        lookup.number = std::string(k_valid_ups);
        lookup.first_at = at("2026-11-20T08:00:00Z");
        lookup.checked_at = clock.now();
        lookup.outcome = tracking::LookupOutcome::tracked;
        lookup.status = status;
        lookup.has_physical_scan = is_scanned;
        lookup.attempts = 1;
        lookup.next_at = clock.now() + 15min;
        carriers::TrackEvent label;
        label.time = 1763625600;
        label.code = "MP";
        label.description = "Shipper created a label";
        write.events.push_back(label);
        if (is_scanned) {
            lookup.first_scan_at = at("2026-11-21T09:00:00Z");
            carriers::TrackEvent pickup;
            pickup.time = 1763715600;
            pickup.code = "PU";
            pickup.is_physical = true;
            write.events.push_back(pickup);
        }
        REQUIRE(store.record_lookups(std::span(&write, 1)));
    }

    // What a daemon with no credentials for the carrier records.
    void record_format_only(const std::string& id, std::string_view number) {
        store::LookupWrite write;
        write.order_id = id;
        write.lookup.number = std::string(number);
        write.lookup.first_at = clock.now();
        write.lookup.checked_at = clock.now();
        write.lookup.outcome = tracking::LookupOutcome::format_only;
        write.lookup.attempts = 1;
        write.wakes_sweep = false;
        REQUIRE(store.record_lookups(std::span(&write, 1)));
    }

    // Read through a second connection, as another program would.
    std::int64_t lookup_queue_size() const {
        SQLite::Database database((dir / "v.db").string());
        return database.execAndGet("SELECT count(*) FROM lookup_queue").getInt64();
    }
};

} // namespace

TEST_CASE_FIXTURE(LookupFixture, "lookups: only swept, format-valid numbers are due") {
    put("A", k_valid_ups);
    put("B", "1Z5R89390357567128");                            // bad check digit
    CHECK(store.due_lookups(clock.now(), 10).value().empty()); // not swept yet
    sweep();
    const auto due = store.due_lookups(clock.now(), 10).value();
    REQUIRE(due.size() == 1);
    CHECK(due[0].order_id == "A");
    CHECK(due[0].number == k_valid_ups);
    CHECK(due[0].carrier == "ups");
    CHECK_FALSE(due[0].previous);
}

TEST_CASE_FIXTURE(LookupFixture,
                  "lookups: stored state and events, due again at next_at, and "
                  "the sweep raises and resolves no_carrier_scan") {
    put("A", k_valid_ups);
    sweep();
    record("A", carriers::TrackStatus::label_created, false);
    const auto stored = store.find_lookup("A").value();
    REQUIRE(stored);
    CHECK(stored->status == carriers::TrackStatus::label_created);
    CHECK(stored->next_at == clock.now() + 15min);
    CHECK(store.lookup_events(k_valid_ups).value().size() == 1);
    CHECK(store.due_lookups(clock.now(), 10).value().empty());
    CHECK(store.earliest_lookup().value() == clock.now() + 15min);
    CHECK(sweep().empty()); // too early for no_carrier_scan

    clock.advance(24h);
    const auto again = store.due_lookups(clock.now(), 10).value();
    REQUIRE(again.size() == 1);
    REQUIRE(again[0].previous);
    CHECK(again[0].previous->attempts == 1);

    record("A", carriers::TrackStatus::label_created, false);
    auto events = sweep();
    REQUIRE(events.size() == 1);
    CHECK(events[0].code == "CARRIER_NO_SCAN");
    CHECK(events[0].kind == alerts::EventKind::raised);

    clock.advance(1h);
    record("A", carriers::TrackStatus::in_transit, true);
    CHECK(store.find_order("A").value()->first_scan_at == at("2026-11-21T09:00:00Z"));
    CHECK(store.lookup_events(k_valid_ups).value().size() == 2);
    events = sweep();
    REQUIRE(events.size() == 1);
    CHECK(events[0].code == "CARRIER_NO_SCAN");
    CHECK(events[0].kind == alerts::EventKind::resolved);
}

TEST_CASE_FIXTURE(LookupFixture, "lookups: a changed number forgets the old lookup") {
    put("A", k_valid_ups);
    sweep();
    record("A", carriers::TrackStatus::not_found, false);
    REQUIRE(sweep().size() == 1); // CARRIER_NOT_FOUND for a confirmed shipment
    put("A", "1Z2Y913V8984708072");
    const auto events = sweep();
    REQUIRE(events.size() == 1);
    CHECK(events[0].code == "CARRIER_NOT_FOUND");
    CHECK(events[0].kind == alerts::EventKind::resolved);
    const auto due = store.due_lookups(clock.now(), 10).value();
    REQUIRE(due.size() == 1);
    CHECK(due[0].number == "1Z2Y913V8984708072");
    CHECK_FALSE(due[0].previous);
}

TEST_CASE_FIXTURE(LookupFixture, "lookup queue: answered numbers leave it, the sweep sleeps") {
    put("A", k_valid_ups);
    put("B", "1Z2Y913V8984708072");
    put("C", "1Z5R89390357567128"); // bad check digit: never due
    CHECK(lookup_queue_size() == 3);
    sweep();
    const auto due = store.due_lookups(clock.now(), 10).value();
    REQUIRE(due.size() == 2);
    CHECK(lookup_queue_size() == 2); // C left the queue, A and B wait for their answers
    record_format_only("A", k_valid_ups);
    record_format_only("B", "1Z2Y913V8984708072");
    CHECK(lookup_queue_size() == 0);
    CHECK(store.queued_count().value() == 0); // nothing for the sweep to judge again
    CHECK(store.due_lookups(clock.now(), 10).value().empty());
    // New credentials: format-only numbers are due again, through the next_at index.
    REQUIRE(store.retry_format_only(clock.now()));
    CHECK(store.due_lookups(clock.now(), 10).value().size() == 2);
}

TEST_CASE_FIXTURE(LookupFixture, "lookup queue: a number changed during its lookup stays queued") {
    put("A", k_valid_ups);
    sweep();
    REQUIRE(store.due_lookups(clock.now(), 10).value().size() == 1);
    put("A", "1Z2Y913V8984708072");
    record("A", carriers::TrackStatus::in_transit, true); // the answer about the old number
    CHECK(lookup_queue_size() == 1);
    sweep();
    const auto due = store.due_lookups(clock.now(), 10).value();
    REQUIRE(due.size() == 1);
    CHECK(due[0].number == "1Z2Y913V8984708072");
    CHECK_FALSE(due[0].previous);
}

TEST_CASE_FIXTURE(LookupFixture, "lookup queue: a verdict the sweep turns valid queues a lookup") {
    put("A", k_valid_ups);
    sweep();
    record_format_only("A", k_valid_ups);
    REQUIRE(lookup_queue_size() == 0);
    const auto row = SQLite::Database((dir / "v.db").string())
                         .execAndGet("SELECT rowid FROM orders WHERE order_id = 'A'")
                         .getInt64();
    // As after a rule change: the stored check goes, the number is `ok` now.
    store::SweepWrite write;
    write.row_id = row;
    write.check = store::SweepWrite::Change::remove;
    write.verdict = "ok";
    REQUIRE(store.write_sweep(std::span(&write, 1), clock.now()));
    CHECK(lookup_queue_size() == 1);
}

TEST_CASE_FIXTURE(LookupFixture, "lookup queue: migration 5 queues the orders already stored") {
    put("A", k_valid_ups);
    put("B", "1Z2Y913V8984708072");
    sweep();
    record_format_only("A", k_valid_ups);
    {
        // Back to schema 4, as a database written by the previous release.
        SQLite::Database database((dir / "v.db").string(), SQLite::OPEN_READWRITE);
        database.exec("DROP TRIGGER orders_lookup_insert; DROP TRIGGER orders_lookup_update; "
                      "DROP TRIGGER orders_lookup_forget; DROP TABLE lookup_queue; "
                      "DROP TRIGGER orders_seller_copy; DROP TRIGGER orders_packages_forget; "
                      "DROP TABLE packages; DROP TABLE source_marketplaces; "
                      "DROP TABLE tracking_mismatches; "
                      "DELETE FROM schema_version WHERE version >= 5");
    }
    auto reopened = store::Store::open(dir / "v.db");
    REQUIRE(reopened);
    CHECK(reopened->schema_version().value() == store::k_schema_version);
    CHECK(lookup_queue_size() == 2);
    const auto due = reopened->due_lookups(clock.now(), 10).value();
    REQUIRE(due.size() == 1); // A was answered already; the queue forgets it
    CHECK(due[0].order_id == "B");
    CHECK(lookup_queue_size() == 1);
}
