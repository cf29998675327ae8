#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>
#include <vtrguard/report/vtr_watch.hpp>
#include <vtrguard/store/store.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <functional>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using vtrguard::test::at;

void add_shipment(store::Store& db, const std::string& id, bool is_tracked, core::TimePoint now) {
    store::OrderPatch patch;
    patch.values.order_id = id;
    patch.values.status = store::OrderStatus::shipped;
    patch.values.category = "toys";
    patch.values.marketplace = "amazon.com";
    // Amazon Logistics numbers (TBA + 12 digits, no check digit): unique per order.
    patch.values.carrier = "amazon";
    patch.values.tracking_number =
        is_tracked ? fmt::format("TBA{:012}", std::hash<std::string>{}(id) % 1'000'000'000'000U)
                   : "";
    patch.values.ship_confirmed_at = now - 24h * 10;
    patch.values.deliver_by = now - 24h * 7;
    patch.values.first_scan_at = now - 24h * 9;
    for (const auto field : {store::OrderField::status,
                             store::OrderField::category,
                             store::OrderField::marketplace,
                             store::OrderField::carrier,
                             store::OrderField::tracking_number,
                             store::OrderField::ship_confirmed_at,
                             store::OrderField::deliver_by,
                             store::OrderField::first_scan_at}) {
        patch.set(field);
    }
    REQUIRE(db.upsert(patch, now).has_value());
}

} // namespace

TEST_CASE("vtr watch: one alert per crossing, kept across restarts, then recovered") {
    const test::TempDir dir;
    const auto path = dir / "orders.db";
    auto db = store::Store::open(path);
    REQUIRE(db.has_value());
    const auto now = at("2026-03-31T12:00:00Z");
    const auto policies = config::default_marketplaces();
    add_shipment(*db, "ok-1", true, now);
    add_shipment(*db, "bad-1", false, now);

    auto first = report::watch_vtr(path, policies, now);
    REQUIRE(first.has_value());
    REQUIRE(first->size() == 1);
    CHECK(first->front().code == "vtr_below_threshold");
    CHECK(report::vtr_alert_text(first->front())
              .starts_with("alert=vtr_below_threshold marketplace=amazon.com category=toys "
                           "level=below_threshold"));
    // Same data, and the same after a restart (the level is stored): nothing new.
    CHECK(report::watch_vtr(path, policies, now + 1h)->empty());

    // 1 bad of 33 is 96.97 %: between threshold and warning.
    for (int i = 0; i < 31; ++i) {
        add_shipment(*db, fmt::format("ok-{}", i + 2), true, now);
    }
    auto warning = report::watch_vtr(path, policies, now + 2h);
    REQUIRE(warning->size() == 1);
    CHECK(warning->front().code == "vtr_below_warning");

    for (int i = 0; i < 40; ++i) {
        add_shipment(*db, fmt::format("more-{}", i), true, now);
    }
    auto recovered = report::watch_vtr(path, policies, now + 3h);
    REQUIRE(recovered->size() == 1);
    CHECK(recovered->front().code == "vtr_recovered");
    CHECK(report::watch_vtr(path, policies, now + 4h)->empty());
}
