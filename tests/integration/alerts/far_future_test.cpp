#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

using namespace vtrguard;
using namespace std::chrono_literals;
using vtrguard::test::at;

TEST_CASE("sweep: times outside the supported years are reported once and never due") {
    const test::TempDir dir;
    test::ManualClock clock{at("2026-11-20T08:00:00Z")};
    const auto config = config::defaults();
    const carriers::Validator validator{carriers::Ruleset::builtin()};
    auto store = store::Store::open(dir / "v.db").value();
    {
        // Written straight into the table, as another program may.
        SQLite::Database writer((dir / "v.db").string(), SQLite::OPEN_READWRITE);
        SQLite::Statement insert(
            writer,
            "INSERT INTO orders (order_id, ship_by, ship_confirmed_at, tracking_number) "
            "VALUES (?1, ?2, ?3, ?1)");
        const std::int64_t year_2400 = 13569465600;
        const std::int64_t now = clock.now().time_since_epoch().count();
        for (const auto& [id, ship_by, confirmed] :
             {std::tuple{"far-2400", year_2400, now},
              std::tuple{"far-max", std::numeric_limits<std::int64_t>::max(), now},
              std::tuple{"far-min",
                         std::numeric_limits<std::int64_t>::min(),
                         std::numeric_limits<std::int64_t>::min()}}) {
            insert.bind(1, id);
            insert.bind(2, ship_by);
            insert.bind(3, confirmed);
            insert.exec();
            insert.reset();
        }
    }
    alerts::Sweeper sweeper(store, config, validator);
    const auto first = sweeper.sweep(clock.now()).value();
    REQUIRE(first.ignored_times.size() == 4);
    CHECK(first.ignored_times[0].order_id == "far-2400");
    CHECK(first.ignored_times[0].column == "ship_by");
    CHECK(first.ignored_times[0].value == 13569465600);
    CHECK(first.ignored_times[3].order_id == "far-min");
    CHECK(first.ignored_times[3].column == "ship_confirmed_at");
    // Still judged on their numbers, with no ship-by.
    CHECK(first.events.size() == 3);
    for (const auto& event : first.events) {
        CHECK_FALSE(event.ship_by);
        CHECK_FALSE(event.time_left);
    }
    // Idle: nothing comes due because of them.
    CHECK_FALSE(first.next_due);

    // Written again, the orders are swept again; said once all the same.
    SQLite::Database writer((dir / "v.db").string(), SQLite::OPEN_READWRITE);
    writer.exec("UPDATE orders SET updated_at = updated_at + 1");
    clock.advance(1min);
    const auto second = sweeper.sweep(clock.now()).value();
    CHECK(second.orders_checked == 3);
    CHECK(second.ignored_times.empty());
    CHECK_FALSE(second.next_due);
}
