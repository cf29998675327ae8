#include "fakes/fake_carrier_server.hpp"
#include "support/daemon_process.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using vtrguard::fakes::FakeCarrierServer;
using vtrguard::fakes::Shipment;
using vtrguard::test::DaemonProcess;
using vtrguard::test::NotifySocket;
using vtrguard::test::TempDir;

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_number = "1Z5R89390357567127";
constexpr std::string_view k_secret_env = "VTRGUARD_E2E_UPS_SECRET";

std::string from_now(std::chrono::seconds offset) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return vtrguard::core::format_instant(now + offset);
}

// A daemon that asks the fake UPS every second and expects a scan 3 s after ship-confirm.
std::string config_text(const TempDir& dir, const FakeCarrierServer& server) {
    return "{\n  \"database\": \"" + (dir / "vtrguard.db").string() + "\",\n  \"inbox\": \""
           + (dir / "inbox").string()
           + "\",\n  \"poll_interval\": \"1s\",\n"
             "  \"log\": {\"level\": \"debug\"},\n"
             "  \"no_scan_after\": \"3s\",\n"
             "  \"lookups\": {\"retry_min\": \"1s\", \"retry_max\": \"1s\"},\n"
             "  \"carriers\": {\"ups\": {\"base_url\": \""
           + server.url() + "\", \"client_id\": \"" + std::string(vtrguard::fakes::k_fake_client_id)
           + "\", \"client_secret_env\": \"" + std::string(k_secret_env)
           + "\", \"requests_per_second\": 0}}\n}\n";
}

} // namespace

TEST_CASE("run: a label never scanned raises CARRIER_NO_SCAN; the scan resolves it") {
    FakeCarrierServer server;
    server.set_shipment(std::string(k_number), Shipment::label_created);
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir, server));
    NotifySocket notify(dir / "notify.sock");
    DaemonProcess daemon(
        {"run", "--config", config.string()},
        dir / "daemon.log",
        {"NOTIFY_SOCKET=" + notify.path().string(),
         std::string(k_secret_env) + "=" + std::string(vtrguard::fakes::k_fake_secret)});
    REQUIRE(notify.wait_for("READY=1", 5s));
    // Said once at start: carriers without credentials get format checks only.
    CHECK(daemon.wait_for_log("fedex: no credentials configured; fedex numbers get format checks "
                              "only",
                              1s));

    const auto hidden = dir.write("inbox/.orders.csv",
                                  "order_id,ship_by,status,carrier,tracking_number,"
                                  "ship_confirmed_at\n"
                                  "S-1,"
                                      + from_now(48h) + ",shipped,ups," + std::string(k_number)
                                      + "," + from_now(0s) + "\n");
    fs::rename(hidden, dir / "inbox/orders.csv");
    REQUIRE(daemon.wait_for_log("inbox: orders.csv: 1 rows imported", 3s));
    CHECK(daemon.wait_for_log("alert=CARRIER_NO_SCAN event=raised level=warning order=S-1", 8s));
    CHECK(server.requests("ups") >= 1);

    server.set_shipment(std::string(k_number), Shipment::found_with_scans);
    CHECK(daemon.wait_for_log("alert=CARRIER_NO_SCAN event=resolved", 5s));
    // Once scanned, the number is not asked about again.
    const auto asked = server.requests("ups");
    std::this_thread::sleep_for(2500ms); // two retry gaps: the daemon's clock cannot be moved
    CHECK(server.requests("ups") == asked);

    daemon.signal(SIGTERM);
    const auto code = daemon.wait_exit(5s);
    REQUIRE(code.has_value());
    CHECK(*code == 0);
    const auto log = daemon.log();
    CHECK(log.find(vtrguard::fakes::k_fake_secret) == std::string::npos);
    CHECK(log.find("CARRIER_NO_SCAN event=raised", log.find("CARRIER_NO_SCAN event=raised") + 1)
          == std::string::npos); // raised once
}
