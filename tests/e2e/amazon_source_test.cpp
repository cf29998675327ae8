#include "fakes/fake_carrier_server.hpp"
#include "fakes/fake_sp_api.hpp"
#include "support/daemon_process.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using vtrguard::fakes::FakeCarrierServer;
using vtrguard::fakes::FakeSpApi;
using vtrguard::fakes::FakeSpOrder;
using vtrguard::fakes::Shipment;
using vtrguard::fakes::SpFault;
using vtrguard::test::DaemonProcess;
using vtrguard::test::NotifySocket;
using vtrguard::test::TempDir;

namespace {

namespace fs = std::filesystem;

#ifdef __SANITIZE_ADDRESS__
constexpr int k_slowdown = 4;
#else
constexpr int k_slowdown = 1;
#endif

constexpr std::chrono::milliseconds scaled(std::chrono::milliseconds wait) {
    return wait * k_slowdown;
}

constexpr std::string_view k_ups_number = "1Z5R89390357567127";
constexpr std::string_view k_other_ups_number = "1Z2Y913V8984708072";
constexpr std::string_view k_usps_number = "9400111201080805483016";
constexpr std::string_view k_lwa_env = "VTRGUARD_E2E_LWA_SECRET";
constexpr std::string_view k_refresh_env = "VTRGUARD_E2E_LWA_REFRESH";
constexpr std::string_view k_ups_env = "VTRGUARD_E2E_UPS_SECRET";

vtrguard::core::TimePoint now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string from_now(std::chrono::seconds offset) {
    return vtrguard::core::format_instant(now() + offset);
}

FakeSpOrder awaiting(const std::string& id, std::chrono::seconds ship_in) {
    FakeSpOrder order;
    order.order_id = id;
    order.created = now() - 1h;
    order.last_updated = now();
    order.ship_by = now() + ship_in;
    order.deliver_by = now() + ship_in + 72h;
    return order;
}

FakeSpOrder shipped(FakeSpOrder order, std::string carrier, std::string_view number) {
    order.status = "SHIPPED";
    order.last_updated = now();
    order.packages = {
        {"1", std::move(carrier), std::string(number), now(), "SHIPPED", "PENDING_PICK_UP"}};
    return order;
}

// A daemon polling the fake SP-API every second, its UPS lookups sent to the fake carriers.
std::string config_text(const TempDir& dir, const FakeSpApi& api, const FakeCarrierServer& ups) {
    return "{\n  \"database\": \"" + (dir / "vtrguard.db").string() + "\",\n  \"inbox\": \""
           + (dir / "inbox").string()
           + "\",\n  \"poll_interval\": \"1s\",\n  \"log\": {\"level\": \"debug\"},\n"
             "  \"lookups\": {\"retry_min\": \"1s\", \"retry_max\": \"1s\"},\n"
             "  \"carriers\": {\"ups\": {\"base_url\": \""
           + ups.url() + "\", \"client_id\": \"" + std::string(vtrguard::fakes::k_fake_client_id)
           + "\", \"client_secret_env\": \"" + std::string(k_ups_env)
           + "\", \"requests_per_second\": 0}},\n"
             "  \"sources\": [{\"name\": \"main\", \"base_url\": \""
           + api.url() + "\", \"token_url\": \"" + api.token_url()
           + "\", \"marketplace_ids\": [\"ATVPDKIKX0DER\"], \"client_id\": \""
           + std::string(vtrguard::fakes::k_fake_lwa_client) + "\", \"client_secret_env\": \""
           + std::string(k_lwa_env) + "\", \"refresh_token_env\": \"" + std::string(k_refresh_env)
           + "\", \"poll_interval\": \"1s\", \"requests_per_second\": 0,"
             " \"backoff_base_ms\": 50, \"backoff_max_ms\": 200}]\n}\n";
}

std::vector<std::string> secrets_env() {
    return {std::string(k_lwa_env) + "=" + std::string(vtrguard::fakes::k_fake_lwa_secret),
            std::string(k_refresh_env) + "=" + std::string(vtrguard::fakes::k_fake_refresh_token),
            std::string(k_ups_env) + "=" + std::string(vtrguard::fakes::k_fake_secret)};
}

void drop_csv(const TempDir& dir, const std::string& name, const std::string& text) {
    const auto hidden = dir.write("inbox/." + name, text);
    fs::rename(hidden, dir / ("inbox/" + name));
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("amazon: orders polled from Amazon warn, ship, resolve and are checked against the "
          "seller's numbers") {
    FakeSpApi api;
    FakeCarrierServer carriers;
    carriers.set_default_shipment(Shipment::found_with_scans);
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir, api, carriers));
    auto env = secrets_env();
    NotifySocket notify(dir / "notify.sock");
    env.push_back("NOTIFY_SOCKET=" + notify.path().string());
    api.put_order(awaiting("113-0000001-0000001", 10h));
    DaemonProcess daemon({"run", "--config", config.string()}, dir / "daemon.log", env);
    REQUIRE(notify.wait_for("READY=1", scaled(10s)));

    // An order awaiting shipment at Amazon: its ship-by warning.
    CHECK(daemon.wait_for_log("first poll: back-filling orders created since", scaled(5s)));
    CHECK(daemon.wait_for_log(
        "alert=TRACKING_MISSING event=raised level=warning order=113-0000001-0000001",
        scaled(10s)));

    // It ships with a package: the warning resolves and the number is looked up.
    api.put_order(shipped(awaiting("113-0000001-0000001", 10h), "UPS", k_ups_number));
    CHECK(daemon.wait_for_log("alert=TRACKING_MISSING event=resolved", scaled(10s)));
    for (int i = 0; i < 100 * k_slowdown && carriers.requests("ups") == 0; ++i) {
        std::this_thread::sleep_for(100ms);
    }
    CHECK(carriers.requests("ups") >= 1);

    // The seller's CSV says USPS; Amazon holds a UPS number: the new alert names both.
    drop_csv(dir,
             "orders.csv",
             "order_id,ship_by,status,carrier,tracking_number\n113-0000002-0000002," + from_now(30h)
                 + ",shipped,usps," + std::string(k_usps_number) + "\n");
    REQUIRE(daemon.wait_for_log("inbox: orders.csv: 1 rows imported", scaled(5s)));
    api.put_order(shipped(awaiting("113-0000002-0000002", 30h), "UPS", k_other_ups_number));
    CHECK(daemon.wait_for_log("alert=TRACKING_MARKETPLACE_MISMATCH event=raised level=error "
                              "order=113-0000002-0000002 package=1 source=amazon:main "
                              "seller_carrier=usps seller_tracking="
                                  + std::string(k_usps_number),
                              scaled(10s)));

    // The access token expires mid-run: refreshed once, polling goes on.
    const auto tokens = api.token_requests();
    api.expire_tokens();
    api.put_order(awaiting("113-0000003-0000003", 8h));
    CHECK(daemon.wait_for_log("access token refused (HTTP 403 Unauthorized); refreshing it",
                              scaled(10s)));
    CHECK(daemon.wait_for_log(
        "alert=TRACKING_MISSING event=raised level=warning order=113-0000003-0000003",
        scaled(10s)));
    CHECK(api.token_requests() == tokens + 1);

    // A burst of 429s: waited out, the order still arrives.
    api.push_fault(SpFault::quota_exceeded, 4);
    api.put_order(awaiting("113-0000004-0000004", 8h));
    CHECK(daemon.wait_for_log(
        "alert=TRACKING_MISSING event=raised level=warning order=113-0000004-0000004",
        scaled(15s)));
    CHECK(api.throttled() == 4);
    CHECK(count_of(daemon.log(), "throttled by Amazon (QuotaExceeded)") == 4);
    CHECK(api.rule_breaks().empty());

    daemon.signal(SIGTERM);
    const auto code = daemon.wait_exit(scaled(10s));
    REQUIRE(code.has_value());
    CHECK(*code == 0);
    const auto log = daemon.log();
    CHECK(log.find(vtrguard::fakes::k_fake_lwa_secret) == std::string::npos);
    CHECK(log.find(vtrguard::fakes::k_fake_refresh_token) == std::string::npos);
    CHECK(log.find("Atza|") == std::string::npos);
    CHECK(count_of(log, "alert=TRACKING_MARKETPLACE_MISMATCH event=raised") == 1);

    // The state the daemon left: a watermark, the orders seen, no error.
    const auto listed =
        vtrguard::test::run_vtrguard({"sources", "--config", config.string(), "--format", "json"});
    CHECK(listed.exit_code == 0);
    CHECK(listed.out.find(R"("name":"main")") != std::string::npos);
    CHECK(listed.out.find(R"("state":"ok")") != std::string::npos);
    CHECK(listed.out.find(R"("watermark":"20)") != std::string::npos);
}

TEST_CASE("amazon: LWA refusing the refresh token pauses the account until SIGHUP") {
    FakeSpApi api;
    FakeCarrierServer carriers;
    api.set_refuse_refresh_token(true);
    api.put_order(awaiting("113-0000005-0000005", 10h));
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir, api, carriers));
    auto env = secrets_env();
    NotifySocket notify(dir / "notify.sock");
    env.push_back("NOTIFY_SOCKET=" + notify.path().string());
    DaemonProcess daemon({"run", "--config", config.string()}, dir / "daemon.log", env);
    REQUIRE(notify.wait_for("READY=1", scaled(10s)));
    CHECK(
        daemon.wait_for_log("source main: LWA refused the credentials: invalid_grant", scaled(5s)));
    std::this_thread::sleep_for(scaled(3s)); // three poll intervals: no request loop
    CHECK(api.token_requests() == 1);
    CHECK(api.search_requests() == 0);
    CHECK(count_of(daemon.log(), "polling paused until the configuration is reloaded") == 1);

    api.set_refuse_refresh_token(false);
    daemon.signal(SIGHUP);
    CHECK(daemon.wait_for_log(
        "alert=TRACKING_MISSING event=raised level=warning order=113-0000005-0000005",
        scaled(10s)));
    daemon.signal(SIGTERM);
    CHECK(daemon.wait_exit(scaled(10s)) == 0);
}

TEST_CASE("amazon: `sources poll` polls once and exits; `sources` shows the state") {
    FakeSpApi api;
    FakeCarrierServer carriers;
    api.put_order(awaiting("113-0000006-0000006", 10h));
    api.put_order(awaiting("113-0000007-0000007", 20h));
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir, api, carriers));
    const auto env = secrets_env();
    const auto polled = vtrguard::test::run_vtrguard_with_env(
        env, {"sources", "poll", "main", "--config", config.string()});
    CHECK(polled.exit_code == 0);
    CHECK(polled.out == "main: 1 requests, 2 orders received, 2 changed\n");
    const auto again = vtrguard::test::run_vtrguard_with_env(
        env, {"sources", "poll", "--config", config.string()});
    CHECK(again.exit_code == 0);
    CHECK(again.out == "main: 1 requests, 2 orders received, 0 changed\n");
    CHECK(api.search_requests() == 2);

    const auto listed = vtrguard::test::run_vtrguard({"sources", "--config", config.string()});
    CHECK(listed.exit_code == 0);
    CHECK(listed.out.find("main             ATVPDKIKX0DER   ok") != std::string::npos);
    CHECK(listed.out.find("          4  ") != std::string::npos); // orders seen, both polls

    const auto unknown = vtrguard::test::run_vtrguard_with_env(
        env, {"sources", "poll", "other", "--config", config.string()});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("no source is named other") != std::string::npos);

    api.set_refuse_refresh_token(true);
    const auto refused = vtrguard::test::run_vtrguard_with_env(
        env, {"sources", "poll", "--config", config.string()});
    CHECK(refused.exit_code == 4);
    CHECK(refused.err.find(vtrguard::fakes::k_fake_refresh_token) == std::string::npos);
}
