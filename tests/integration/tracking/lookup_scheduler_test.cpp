// The daemon's lookup scheduler against the fake carrier APIs: a real SQLite file, real HTTP on
// loopback, the clock injected.

#include "fakes/fake_carrier_server.hpp"
#include "support/capture_sink.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/http/curl_client.hpp>
#include <vtrguard/store/store.hpp>
#include <vtrguard/tracking/lookup_scheduler.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <functional>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using test::at;

constexpr std::string_view k_ups = "1Z5R89390357567127";
constexpr const char* k_secret_env = "VTRGUARD_TEST_SCHEDULER_SECRET";

struct SchedulerFixture {
    fakes::FakeCarrierServer server;
    test::TempDir dir;
    test::ManualClock clock{at("2026-11-20T08:00:00Z")};
    config::Config config = config::defaults();
    carriers::Validator validator{carriers::Ruleset::builtin()};
    store::Store store{store::Store::open(dir / "v.db").value()};
    boost::asio::io_context io;
    std::shared_ptr<test::CaptureSink> sink = std::make_shared<test::CaptureSink>();
    std::shared_ptr<spdlog::logger> log = test::capture_logger(sink);
    http::CurlClient http{io.get_executor(), {}};

    SchedulerFixture() {
        // Test-only: the secret reaches the tracker the way it does in production.
        setenv(k_secret_env, std::string(fakes::k_fake_secret).c_str(), 1); // NOLINT
        auto& ups = *config.carriers.find("ups");
        ups.base_url = server.url();
        ups.client_id = std::string(fakes::k_fake_client_id);
        ups.secret.env = k_secret_env;
        ups.requests_per_second = 0;
    }

    // One shipped UPS order, swept so that its number is due for a lookup.
    void put_swept_order(const std::string& id) {
        store::OrderPatch patch;
        patch.values.order_id = id;
        patch.values.tracking_number = k_ups;
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
        sweep();
    }

    // What the daemon does after answers are stored: orders they touched are swept first.
    void sweep() {
        alerts::Sweeper sweeper(store, config, validator);
        REQUIRE(sweeper.sweep(clock.now()));
    }

    // Runs the loop in short slices until `done` holds; false when `limit` passed first.
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            io.run_for(5ms);
        }
        return true;
    }
};

} // namespace

TEST_CASE_FIXTURE(SchedulerFixture,
                  "lookup scheduler: an answer not yet stored is not asked again") {
    server.set_shipment(std::string(k_ups), fakes::Shipment::found_with_scans);
    put_swept_order("S-1");
    int recorded = 0;
    tracking::LookupScheduler scheduler(
        io.get_executor(), store, http, config, clock, log, [&] { ++recorded; });

    scheduler.poll();
    REQUIRE(run_until([&] { return scheduler.lookups_done() == 1; }));
    CHECK(server.requests("ups") == 1);
    // The answer waits up to 200 ms to be stored with others; a poll meanwhile (a sweep just
    // ended, or the 1 s poll timer) sees the stored row still due.
    CHECK(recorded == 0);
    scheduler.poll();
    REQUIRE(run_until([&] { return recorded >= 1 && scheduler.in_flight() == 0; }));
    CHECK(server.requests("ups") == 1);
    CHECK(scheduler.lookups_done() == 1);

    const auto stored = store.find_lookup("S-1");
    REQUIRE(stored);
    REQUIRE(stored->has_value());
    CHECK((*stored)->has_physical_scan);
    CHECK_FALSE((*stored)->next_at.has_value()); // scanned: never asked again
    scheduler.poll();
    io.run_for(300ms); // a request sent now would be answered well within this
    CHECK(server.requests("ups") == 1);
}

TEST_CASE_FIXTURE(SchedulerFixture,
                  "lookup scheduler: orders sharing a number share one question") {
    server.set_shipment(std::string(k_ups), fakes::Shipment::label_created);
    put_swept_order("S-1");
    put_swept_order("S-2");
    put_swept_order("S-3");
    int recorded = 0;
    tracking::LookupScheduler scheduler(
        io.get_executor(), store, http, config, clock, log, [&] { ++recorded; });

    scheduler.poll();
    REQUIRE(run_until([&] { return recorded >= 1 && scheduler.in_flight() == 0; }));
    CHECK(server.requests_for("ups", std::string(k_ups)) == 1);
    CHECK(scheduler.lookups_done() == 3);
    for (const char* order : {"S-1", "S-2", "S-3"}) {
        CAPTURE(order);
        const auto stored = store.find_lookup(order);
        REQUIRE(stored);
        REQUIRE(stored->has_value());
        CHECK((*stored)->status == carriers::TrackStatus::label_created);
        CHECK((*stored)->next_at == clock.now() + config.lookups.retry_min);
    }
    // The next schedule step asks once more, still once for the three orders.
    clock.advance(config.lookups.retry_min);
    sweep();
    scheduler.poll();
    REQUIRE(run_until([&] { return scheduler.lookups_done() == 6; }));
    CHECK(server.requests_for("ups", std::string(k_ups)) == 2);
}
