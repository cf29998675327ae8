#include "integration/sources/poller_fixture.hpp"

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/sources/mismatch.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace vtrguard;
using namespace std::chrono_literals;
using fakes::SpFault;

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE_FIXTURE(test::PollerFixture,
                  "amazon poller: back-fills every page, then one request finds nothing new") {
    for (int i = 0; i < 250; ++i) {
        auto placed = order(fmt::format("113-0000000-{:07}", i), std::chrono::hours{i});
        placed.last_updated = now() - 1h; // before the watermark less the overlap
        api.put_order(placed);
    }
    auto old_order = order("113-old-order", std::chrono::hours{24 * 60}); // before the back-fill
    old_order.last_updated = now() - 24h * 59;
    api.put_order(old_order);
    auto account = poller();
    const auto first = poll(*account);
    CHECK(first.requests == 3);
    CHECK(first.orders == 250);
    CHECK(first.orders_changed == 250);
    CHECK(first.failed_marketplaces == 0);
    CHECK(api.queries().front().find("createdAfter=") != std::string::npos);
    CHECK(api.rule_breaks().empty());
    CHECK(store.find_order("113-0000000-0000249").value().has_value());
    CHECK_FALSE(store.find_order("113-old-order").value().has_value());
    const auto status = store.source_status("amazon:main", "ATVPDKIKX0DER").value();
    REQUIRE(status);
    REQUIRE(status->watermark);
    CHECK(status->orders_seen == 250);
    CHECK(status->last_error.empty());

    const auto again = poll(*account);
    CHECK(again.requests == 1); // the overlap re-reads orders; nothing changes
    CHECK(again.orders_changed == 0);
    CHECK(api.queries().back().find("lastUpdatedAfter=") != std::string::npos);
    CHECK(api.token_requests() == 1); // the token is cached
    CHECK(api.rule_breaks().empty());
}

TEST_CASE_FIXTURE(test::PollerFixture, "amazon poller: maps status, ship-by and packages") {
    auto shipped = order("113-1111111-1111111", 2h);
    shipped.status = "SHIPPED";
    shipped.packages = {
        {"1", "UPS", "1Z5R89390357567127", now() - 1h, "IN_TRANSIT", "PICKED_UP"},
        {"2", "USPS", "9400111201080805483016", now() - 1h, "SHIPPED", "PENDING_PICK_UP"}};
    api.put_order(shipped);
    api.put_order(order("113-2222222-2222222", 1h));
    auto account = poller();
    poll(*account);
    const auto stored = store.find_order("113-1111111-1111111").value();
    REQUIRE(stored);
    CHECK(stored->status == store::OrderStatus::shipped);
    CHECK(stored->carrier == "ups");
    CHECK(stored->tracking_number == "1Z5R89390357567127");
    CHECK(stored->marketplace == "amazon.com");
    CHECK(stored->ship_by == shipped.ship_by);
    CHECK(stored->deliver_by == shipped.deliver_by);
    CHECK(stored->ship_confirmed_at == shipped.packages[0].ship_time);
    CHECK(stored->first_scan_at == shipped.packages[0].ship_time); // Amazon says picked up
    const auto packages = store.packages_of("113-1111111-1111111", "amazon:main").value();
    REQUIRE(packages.size() == 2);
    CHECK(packages[1].carrier == "usps");
    CHECK(packages[1].carrier_name == "USPS");
    CHECK(packages[1].status == "PENDING_PICK_UP");
    const auto awaiting = store.find_order("113-2222222-2222222").value();
    REQUIRE(awaiting);
    CHECK(awaiting->status == store::OrderStatus::awaiting);
    CHECK(awaiting->tracking_number.empty());
}

TEST_CASE_FIXTURE(test::PollerFixture,
                  "amazon poller: the seller's other number is kept and raises a mismatch once") {
    store::OrderPatch seller;
    seller.values.order_id = "113-3333333-3333333";
    seller.values.carrier = "usps";
    seller.values.tracking_number = "9400111201080805483016";
    seller.set(store::OrderField::carrier);
    seller.set(store::OrderField::tracking_number);
    REQUIRE(store.upsert(seller, now()));
    auto shipped = order("113-3333333-3333333", 2h);
    shipped.status = "SHIPPED";
    shipped.packages = {{"1", "UPS", "1Z5R89390357567127", now(), "SHIPPED", "PENDING_PICK_UP"}};
    api.put_order(shipped);
    auto account = poller();
    poll(*account);
    const auto& rules = carriers::Ruleset::builtin();
    auto events = sources::check_mismatches(store, rules, now()).value();
    REQUIRE(events.size() == 1);
    CHECK(events[0].is_raised);
    const auto line = sources::mismatch_line(events[0]);
    CHECK(line.starts_with("alert=TRACKING_MARKETPLACE_MISMATCH event=raised level=error "
                           "order=113-3333333-3333333 package=1 source=amazon:main "
                           "seller_carrier=usps seller_tracking=9400111201080805483016 "
                           "marketplace_carrier=ups marketplace_tracking=1Z5R89390357567127"));
    poll(*account);
    CHECK(sources::check_mismatches(store, rules, now()).value().empty()); // raised once

    // The seller writes Amazon's number: the copies agree and the mismatch resolves.
    seller.values.carrier = "UPS";
    seller.values.tracking_number = "1Z5R 8939 0357 5671 27";
    REQUIRE(store.upsert(seller, now()));
    events = sources::check_mismatches(store, rules, now()).value();
    REQUIRE(events.size() == 1);
    CHECK_FALSE(events[0].is_raised);
}

TEST_CASE_FIXTURE(test::PollerFixture, "amazon poller: an expired token is refreshed once") {
    api.put_order(order("113-4444444-4444444", 1h));
    auto account = poller();
    REQUIRE(poll(*account).failed_marketplaces == 0);
    api.expire_tokens();
    const auto after = poll(*account);
    CHECK(after.failed_marketplaces == 0);
    CHECK(after.requests == 2); // the 403, then the same page with a fresh token
    CHECK(api.token_requests() == 2);
    CHECK(sink->text().find("access token refused (HTTP 403 Unauthorized)") != std::string::npos);
}

TEST_CASE_FIXTURE(test::PollerFixture, "amazon poller: QuotaExceeded waits 1/rate with jitter") {
    settings.requests_per_second = 20; // 50 ms a token
    settings.burst = 20;
    api.put_order(order("113-5555555-5555555", 1h));
    api.push_fault(SpFault::quota_exceeded, 3);
    auto account = poller();
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = poll(*account);
    CHECK(outcome.failed_marketplaces == 0);
    CHECK(outcome.requests == 4);
    CHECK(api.throttled() == 3);
    CHECK(std::chrono::steady_clock::now() - started >= 150ms); // three waits of at least 50 ms
    CHECK(count_of(sink->text(), "throttled by Amazon (QuotaExceeded)") == 3);
    CHECK(store.find_order("113-5555555-5555555").value().has_value());
}

TEST_CASE_FIXTURE(test::PollerFixture,
                  "amazon poller: 5xx and bad bodies are retried; unreadable orders named") {
    api.put_order(order("113-6666666-6666666", 2h));
    api.put_order(order("113-7777777-7777777", 1h));
    api.push_fault(SpFault::server_error);
    api.push_fault(SpFault::cut_body);
    api.push_fault(SpFault::not_json);
    api.push_fault(SpFault::missing_fields);
    auto account = poller();
    const auto outcome = poll(*account);
    CHECK(outcome.failed_marketplaces == 0);
    CHECK(outcome.requests == 4);
    // The first order of the page came without createdTime: named, skipped, the rest stored.
    CHECK(sink->text().find("orders[0] 113-6666666-6666666: createdTime: missing: skipped")
          != std::string::npos);
    CHECK_FALSE(store.find_order("113-6666666-6666666").value().has_value());
    CHECK(store.find_order("113-7777777-7777777").value().has_value());
}

TEST_CASE_FIXTURE(test::PollerFixture, "amazon poller: a failed poll leaves the watermark") {
    api.put_order(order("113-8888888-8888888", 1h));
    auto account = poller();
    REQUIRE(poll(*account).failed_marketplaces == 0);
    const auto before = store.source_status("amazon:main", "ATVPDKIKX0DER").value()->watermark;
    api.push_fault(SpFault::server_error, settings.max_attempts);
    const auto failed = poll(*account);
    CHECK(failed.failed_marketplaces == 1);
    CHECK(failed.requests == static_cast<std::size_t>(settings.max_attempts));
    const auto status = store.source_status("amazon:main", "ATVPDKIKX0DER").value();
    REQUIRE(status);
    CHECK(status->watermark == before);
    CHECK(status->last_error.find("server_error (HTTP 503)") != std::string::npos);
}

TEST_CASE_FIXTURE(test::PollerFixture,
                  "amazon poller: LWA refusing the refresh token pauses the account") {
    api.put_order(order("113-9999999-9999999", 1h));
    api.set_refuse_refresh_token(true);
    auto account = poller();
    const auto outcome = poll(*account);
    CHECK(outcome.is_paused);
    CHECK(outcome.requests == 0);
    CHECK(api.token_requests() == 1);
    CHECK(account->is_paused());
    CHECK(poll(*account).requests == 0);
    CHECK(api.token_requests() == 1); // paused: LWA is not asked again
    const auto status = store.source_status("amazon:main", "ATVPDKIKX0DER").value();
    REQUIRE(status);
    CHECK(status->last_error.starts_with("paused: LWA refused the credentials: invalid_grant"));
}

TEST_CASE_FIXTURE(test::PollerFixture, "amazon poller: secrets and tokens never reach the log") {
    log->set_level(spdlog::level::trace);
    api.put_order(order("113-1212121-1212121", 1h));
    auto account = poller();
    poll(*account);
    api.expire_tokens();
    api.push_fault(SpFault::server_error);
    poll(*account);
    api.set_refuse_refresh_token(true);
    api.expire_tokens();
    auto other = poller();
    poll(*other);
    const auto text = sink->text();
    CHECK_FALSE(text.empty());
    CHECK(text.find(fakes::k_fake_lwa_secret) == std::string::npos);
    CHECK(text.find(fakes::k_fake_refresh_token) == std::string::npos);
    CHECK(text.find("Atza|") == std::string::npos);
    CHECK(text.find("Atzr|") == std::string::npos);
}
