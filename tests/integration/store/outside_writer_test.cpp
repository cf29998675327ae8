#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <array>
#include <functional>
#include <string>
#include <vector>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using vtrguard::test::at;

constexpr std::string_view k_valid_ups = "1Z5R89390357567127";

// Another program on the same file (docs/store.md invites them): it must get the write lock at
// once and be able to checkpoint the whole WAL whenever the store is between operations. A
// statement of the store left mid-rows holds a read snapshot, and both fail.
struct OutsideWriter {
    std::filesystem::path path;
    int written = 0;

    // Empty when all went well, else what failed.
    std::string write_and_checkpoint() {
        try {
            SQLite::Database database(path.string(), SQLite::OPEN_READWRITE);
            database.setBusyTimeout(0); // no waiting: a held lock fails at once
            database.exec("BEGIN IMMEDIATE");
            SQLite::Statement insert(
                database, "INSERT INTO orders (order_id, ship_by) VALUES (?, unixepoch() + 7200)");
            insert.bind(1, "outside-" + std::to_string(++written));
            insert.exec();
            database.exec("COMMIT");
            // TRUNCATE waits for no reader: busy (column 0) is 1 while any snapshot is open.
            SQLite::Statement checkpoint(database, "PRAGMA wal_checkpoint(TRUNCATE)");
            checkpoint.executeStep();
            if (checkpoint.getColumn(0).getInt() != 0) {
                return "the WAL could not be checkpointed: a reader holds it";
            }
            return {};
        } catch (const SQLite::Exception& error) {
            return error.what();
        }
    }
};

struct StoreUnderWriters {
    test::TempDir dir;
    test::ManualClock clock{at("2026-11-20T08:00:00Z")};
    config::Config config = config::defaults();
    carriers::Validator validator{carriers::Ruleset::builtin()};
    store::Store store{store::Store::open(dir / "v.db").value()};
    OutsideWriter outside{dir / "v.db"};

    void put(const std::string& id, std::string_view tracking) {
        store::OrderPatch patch;
        patch.values.order_id = id;
        patch.values.tracking_number = tracking;
        patch.values.carrier = "ups";
        patch.values.ship_by = clock.now() + 2h;
        for (auto field : {store::OrderField::tracking_number,
                           store::OrderField::carrier,
                           store::OrderField::ship_by}) {
            patch.set(field);
        }
        REQUIRE(store.upsert(patch, clock.now()));
    }

    void record_lookup(const std::string& id) {
        store::LookupWrite write;
        write.order_id = id;
        write.lookup.number = std::string(k_valid_ups);
        write.lookup.first_at = clock.now();
        write.lookup.checked_at = clock.now();
        write.lookup.outcome = tracking::LookupOutcome::tracked;
        write.lookup.status = carriers::TrackStatus::label_created;
        write.lookup.attempts = 1;
        write.lookup.next_at = clock.now() + 15min;
        carriers::TrackEvent label;
        label.time = 1763625600;
        label.code = "MP";
        write.events.push_back(label);
        REQUIRE(store.record_lookups(std::span(&write, 1)));
    }
};

// One store operation, named for the failure message.
struct Operation {
    std::string name;
    std::function<void()> run;
};

} // namespace

TEST_CASE_FIXTURE(StoreUnderWriters,
                  "store: after every operation another writer gets the lock and checkpoints") {
    alerts::Sweeper sweeper(store, config, validator);
    const std::array<std::int64_t, 4> leads{86400, 14400, 3600, 0};
    std::vector<Operation> operations{
        // MIN() over an empty table gives one NULL row: the statement is not done after it.
        {"earliest_lookup on no lookups",
         [&] { CHECK(store.earliest_lookup().value() == std::nullopt); }},
        {"upsert", [&] { put("113-1", k_valid_ups); }},
        {"find_order (a row: the statement is not done)",
         [&] { CHECK(store.find_order("113-1").value()); }},
        {"find_order of no order", [&] { CHECK_FALSE(store.find_order("none").value()); }},
        {"queued_count", [&] { CHECK(store.queued_count().value() >= 1); }},
        {"sweep_state before any sweep", [&] { CHECK_FALSE(store.sweep_state().value()); }},
        {"sweep", [&] { CHECK(sweeper.sweep(clock.now())); }},
        {"sweep_state", [&] { CHECK(store.sweep_state().value()); }},
        {"earliest_due", [&] { CHECK(store.earliest_due(clock.now(), leads)); }},
        {"open_alerts", [&] { CHECK(store.open_alerts()); }},
        {"due_lookups", [&] { CHECK(store.due_lookups(clock.now(), 1)); }},
        {"record_lookups", [&] { record_lookup("113-1"); }},
        {"find_lookup", [&] { CHECK(store.find_lookup("113-1").value()); }},
        {"lookup_events", [&] { CHECK(store.lookup_events(k_valid_ups).value().size() == 1); }},
        {"earliest_lookup", [&] { CHECK(store.earliest_lookup().value()); }},
        {"retry_format_only", [&] { CHECK(store.retry_format_only(clock.now())); }},
        {"a second sweep",
         [&] {
             clock.advance(1h);
             put("113-2", k_valid_ups);
             CHECK(sweeper.sweep(clock.now()));
         }},
        {"a rolled-back transaction",
         [&] {
             auto transaction = store::Transaction::begin(store);
             REQUIRE(transaction);
             CHECK(store.find_order("113-2").value());
         }},
        {"reads inside a transaction, rolled back",
         [&] {
             auto transaction = store::Transaction::begin(store);
             REQUIRE(transaction);
             CHECK(store.open_alerts());
             CHECK(store.earliest_lookup());
         }},
    };
    for (const auto& operation : operations) {
        INFO("after " << operation.name);
        operation.run();
        CHECK(outside.write_and_checkpoint() == "");
    }
    // The outside rows are there for the store too.
    CHECK(store.find_order("outside-1").value());
    CHECK(store.find_order("outside-" + std::to_string(outside.written)).value());
}
