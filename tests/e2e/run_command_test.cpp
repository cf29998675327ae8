#include "support/daemon_process.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using vtrguard::test::DaemonProcess;
using vtrguard::test::NotifySocket;
using vtrguard::test::TempDir;

namespace {

namespace fs = std::filesystem;

// Sanitizer builds run several times slower: stretch the waits, not the assertions.
#ifdef __SANITIZE_ADDRESS__
constexpr int k_slowdown = 4;
#else
constexpr int k_slowdown = 1;
#endif

constexpr std::chrono::milliseconds scaled(std::chrono::milliseconds wait) {
    return wait * k_slowdown;
}

// ISO-8601 UTC `offset` from now: the binary's clock cannot be moved, so the data moves.
std::string from_now(std::chrono::seconds offset) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return vtrguard::core::format_instant(now + offset);
}

// `extra`: more keys, such as `"vtr_check_interval": "1s"`.
std::string
config_text(const TempDir& dir, const std::string& poll = "1s", const std::string& extra = "") {
    return "{\n  // a daemon under test: short poll, lead times of minutes\n"
           "  \"database\": \""
           + (dir / "vtrguard.db").string() + "\",\n  \"inbox\": \"" + (dir / "inbox").string()
           + "\",\n  \"poll_interval\": \"" + poll
           + "\",\n  \"lead_times\": {\"warn\": \"3h\", \"error\": \"1h\", \"critical\": "
             "\"10m\"}"
           + (extra.empty() ? "" : ",\n  " + extra) + "\n}\n";
}

// Drops a file the way writers should: under a hidden name, then renamed into place.
void drop(const TempDir& dir, const std::string& name, const std::string& content) {
    const auto hidden = dir.write("inbox/." + name, content);
    fs::rename(hidden, dir / ("inbox/" + name));
}

} // namespace

TEST_CASE("run: picks up an inbox file, alerts, reloads on SIGHUP, stops on SIGTERM") {
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir));
    NotifySocket notify(dir / "notify.sock");
    DaemonProcess daemon({"run", "--config", config.string()},
                         dir / "daemon.log",
                         {"NOTIFY_SOCKET=" + notify.path().string()});
    REQUIRE(notify.wait_for("READY=1", scaled(5s)));
    REQUIRE(fs::is_directory(dir / "inbox/done"));

    drop(dir,
         "orders.csv",
         "order_id,ship_by,carrier,tracking_number\n"
         "A-1,"
             + from_now(2h)
             + ",ups,1Z5R89390357567127\n"
               "A-2,"
             + from_now(5min)
             + ",usps,\n"
               "A-3,"
             + from_now(2h)
             + ",ups,1Z5R89390357567128\n"
               "A-4,"
             + from_now(2h) + ",fedex,1Z5R89390357567127\n");
    // Picked up within 2 s of landing (the scan runs every half second).
    CHECK(daemon.wait_for_log("inbox: orders.csv: 4 rows imported", scaled(2500ms)));
    CHECK(daemon.wait_for_log("alert=TRACKING_MISSING event=raised level=critical order=A-2",
                              scaled(2s)));
    CHECK(daemon.wait_for_log("alert=TRACKING_INVALID event=raised level=warning order=A-3",
                              scaled(2s)));
    CHECK(daemon.wait_for_log("alert=CARRIER_MISMATCH event=raised level=warning order=A-4",
                              scaled(2s)));
    CHECK(daemon.wait_for_log("alert=TRACKING_DUPLICATE", scaled(2s), 2));
    CHECK(fs::exists(dir / "inbox/done/orders.csv"));

    SUBCASE("fixing an order logs it resolved, once") {
        drop(dir, "fix.csv", "order_id,tracking_number\nA-3,1Z5R89390357567127\n");
        CHECK(daemon.wait_for_log("alert=TRACKING_INVALID event=resolved", scaled(3s)));
    }
    SUBCASE("a file with a bad row: the good rows import, the file goes to failed/ with a reason") {
        drop(dir, "mixed.csv", "order_id,ship_by\nB-1," + from_now(2h) + "\nB-2,not-a-date\n");
        REQUIRE(daemon.wait_for_log("mixed.csv: 1 rows imported, 1 skipped", scaled(3s)));
        CHECK(fs::exists(dir / "inbox/failed/mixed.csv"));
        const auto error = vtrguard::test::read_file(dir / "inbox/failed/mixed.csv.error");
        CHECK(error.find("mixed.csv:3:") != std::string::npos);
        CHECK(error.find("ship_by") != std::string::npos);
    }
    SUBCASE("SIGHUP with an invalid configuration keeps the running one") {
        dir.write("vtrguard.json", "{\"poll_intervall\": \"5s\"}");
        daemon.signal(SIGHUP);
        CHECK(daemon.wait_for_log("configuration rejected, keeping the running one", scaled(3s)));
        CHECK(daemon.wait_for_log("poll_interval", scaled(1s))); // the closest valid key is named
        drop(dir, "later.csv", "order_id,ship_by\nC-1," + from_now(20h) + "\n");
        CHECK(daemon.wait_for_log("inbox: later.csv: 1 rows imported", scaled(3s)));
    }
    SUBCASE("SIGHUP with a valid configuration reloads it") {
        dir.write("vtrguard.json", config_text(dir, "2s"));
        daemon.signal(SIGHUP);
        CHECK(daemon.wait_for_log("configuration reloaded", scaled(3s)));
    }

    const auto before_stop = std::chrono::steady_clock::now();
    daemon.signal(SIGTERM);
    const auto code = daemon.wait_exit(scaled(5s));
    REQUIRE(code.has_value());
    CHECK(*code == 0);
    CHECK(std::chrono::steady_clock::now() - before_stop < 5s);
    CHECK(notify.wait_for("STOPPING=1", scaled(1s)));
    CHECK(daemon.log().find("SIGTERM received: stopping") != std::string::npos);
}

TEST_CASE("run: the sweep uses rules_dir's carriers; SIGHUP with a bad rule file keeps them") {
    const TempDir dir;
    const auto folder = dir / "carriers.d";
    fs::create_directories(folder);
    fs::copy_file(VTRGUARD_SOURCE_DIR "/config/carriers.d/example-regional-line.json",
                  folder / "example-regional-line.json");
    auto text = config_text(dir);
    text.insert(text.rfind('}'), ", \"rules_dir\": \"" + folder.string() + "\"\n");
    const auto config = dir.write("vtrguard.json", text);
    NotifySocket notify(dir / "notify.sock");
    DaemonProcess daemon({"run", "--config", config.string()},
                         dir / "daemon.log",
                         {"NOTIFY_SOCKET=" + notify.path().string()});
    REQUIRE(notify.wait_for("READY=1", scaled(5s)));
    CHECK(daemon.log().find("carrier rules: the built-in carriers plus") != std::string::npos);

    // Two orders of the regional line: the first number's check digit holds, the second's
    // does not. Only the second is invalid.
    const auto expect_one_invalid = [&](const std::string& file,
                                        const std::string& valid_order,
                                        const std::string& valid_number,
                                        const std::string& invalid_order) {
        auto typo = valid_number;
        typo.back() = static_cast<char>('0' + (typo.back() - '0' + 1) % 10); // the check digit
        drop(dir,
             file,
             "order_id,ship_by,carrier,tracking_number\n" + valid_order + "," + from_now(2h)
                 + ",Westlake," + valid_number + "\n" + invalid_order + "," + from_now(2h)
                 + ",Westlake," + typo + "\n");
        CHECK(daemon.wait_for_log("alert=TRACKING_INVALID event=raised level=warning order="
                                      + invalid_order,
                                  scaled(3s)));
        CHECK(daemon.log().find("order=" + valid_order) == std::string::npos);
    };
    expect_one_invalid("orders.csv", "W-1", "WL12345678905", "W-2");

    const auto bad = dir.write("carriers.d/zz-bad.json", R"({"carriers": [{"code": "w"}]})");
    daemon.signal(SIGHUP);
    CHECK(daemon.wait_for_log("configuration rejected, keeping the running one", scaled(3s)));
    CHECK(daemon.log().find(bad.string()) != std::string::npos);
    // Still the running carriers.
    expect_one_invalid("more.csv", "W-3", "WL22334455660", "W-4");

    daemon.signal(SIGTERM);
    const auto code = daemon.wait_exit(scaled(5s));
    REQUIRE(code.has_value());
    CHECK(*code == 0);
}

TEST_CASE("run: a restart neither repeats nor forgets an alert") {
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir));
    dir.write("inbox/orders.csv",
              "order_id,ship_by,carrier,tracking_number\nR-1," + from_now(30min) + ",usps,\n");
    {
        DaemonProcess first({"run", "--config", config.string()}, dir / "first.log");
        REQUIRE(first.wait_for_log("alert=TRACKING_MISSING event=raised", scaled(5s)));
        first.signal(SIGTERM);
        REQUIRE(first.wait_exit(scaled(5s)) == 0);
    }
    DaemonProcess second({"run", "--config", config.string()}, dir / "second.log");
    REQUIRE(second.wait_for_log("started", scaled(5s)));
    // Two sweeps at a 1 s poll: nothing raised again.
    std::this_thread::sleep_for(scaled(2500ms));
    CHECK(second.log().find("alert=TRACKING_MISSING") == std::string::npos);
    drop(dir, "fix.csv", "order_id,tracking_number\nR-1,9400111206206406260787\n");
    CHECK(second.wait_for_log("alert=TRACKING_MISSING event=resolved", scaled(3s)));
}

TEST_CASE("run: kill -9 during a large import loses or duplicates nothing") {
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir));
    constexpr int k_rows = 200000;
    std::string rows = "order_id,ship_by,carrier,tracking_number\n";
    const std::string ship_by = from_now(48h);
    for (int i = 0; i < k_rows; ++i) {
        rows += "K-" + std::to_string(i) + "," + ship_by + ",ups,\n";
    }
    {
        DaemonProcess first({"run", "--config", config.string()}, dir / "first.log");
        REQUIRE(first.wait_for_log("started", scaled(5s)));
        drop(dir, "big.csv", rows);
        // Kill while the import is most likely running (it takes well over 100 ms).
        std::this_thread::sleep_for(700ms);
        first.signal(SIGKILL);
        first.wait_exit(scaled(5s));
    }
    const bool was_settled = fs::exists(dir / "inbox/done/big.csv");
    const bool is_still_waiting = fs::exists(dir / "inbox/big.csv");
    CHECK(was_settled != is_still_waiting); // in exactly one place
    {
        DaemonProcess second({"run", "--config", config.string()}, dir / "second.log");
        CHECK(second.wait_for_log("started", scaled(5s)));
        const auto deadline = std::chrono::steady_clock::now() + scaled(60s);
        while (!fs::exists(dir / "inbox/done/big.csv")
               && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(100ms);
        }
        second.signal(SIGTERM);
        CHECK(second.wait_exit(scaled(10s)) == 0);
    }
    CHECK(fs::exists(dir / "inbox/done/big.csv"));
    SQLite::Database db((dir / "vtrguard.db").string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM orders").getInt() == k_rows);
    CHECK(db.execAndGet("SELECT COUNT(DISTINCT order_id) FROM orders").getInt() == k_rows);
}

namespace {

// Shipped orders of one category, confirmed ten days ago (past no_scan_after) and promised a
// week ago (inside the 30-day window): the first `scanned` scanned six hours after confirm, the
// other `unscanned` never. Amazon Logistics numbers have no check digit, so each is unique.
std::string shipped_rows(const std::string& category, int number_base, int scanned, int unscanned) {
    std::string rows;
    for (int i = 0; i < scanned + unscanned; ++i) {
        rows += fmt::format("{}-{},amazon.com,shipped,{},amazon,TBA{:012},{},{},{}\n",
                            category,
                            i,
                            category,
                            number_base + i,
                            from_now(-240h),
                            from_now(-168h),
                            i < scanned ? from_now(-234h) : "");
    }
    return rows;
}

} // namespace

TEST_CASE("run: logs the rate crossing the warning line and the threshold, then recovering") {
    const TempDir dir;
    const auto config =
        dir.write("vtrguard.json", config_text(dir, "1s", "\"vtr_check_interval\": \"1s\""));
    // toys: 32 of 33 scanned, 96.97 % (under the 97 % warning line); books: 9 of 10, 90 %.
    const auto seed =
        dir.write("shipped.csv",
                  "order_id,marketplace,status,category,carrier,tracking_number,"
                  "ship_confirmed_at,deliver_by,first_scan_at\n"
                      + shipped_rows("toys", 100000, 32, 1) + shipped_rows("books", 200000, 9, 1));
    REQUIRE(vtrguard::test::run_vtrguard({"import", "--config", config.string(), seed.string()})
                .exit_code
            == 0);
    DaemonProcess daemon({"run", "--config", config.string()}, dir / "daemon.log");
    CHECK(daemon.wait_for_log("alert=vtr_below_warning marketplace=amazon.com category=toys "
                              "level=warning previous=ok",
                              scaled(5s)));
    CHECK(daemon.wait_for_log("alert=vtr_below_threshold marketplace=amazon.com category=books "
                              "level=below_threshold previous=ok",
                              scaled(5s)));

    // The carrier's first-scan times arrive: both orders were scanned in time after all.
    drop(dir,
         "scans.csv",
         "order_id,first_scan_at\ntoys-32," + from_now(-234h) + "\nbooks-9," + from_now(-234h)
             + "\n");
    CHECK(daemon.wait_for_log("inbox: scans.csv: 2 rows imported", scaled(3s)));
    CHECK(daemon.wait_for_log("alert=vtr_recovered", scaled(5s), 2));
    const auto log = daemon.log();
    CHECK(log.find("alert=vtr_recovered marketplace=amazon.com category=toys level=ok "
                   "previous=warning")
          != std::string::npos);
    CHECK(log.find("alert=vtr_recovered marketplace=amazon.com category=books level=ok "
                   "previous=below_threshold")
          != std::string::npos);
    daemon.signal(SIGTERM);
    CHECK(daemon.wait_exit(scaled(5s)) == 0);
    // Each crossing was logged once.
    CHECK_FALSE(daemon.wait_for_log("alert=vtr_below_warning", 0ms, 2));
    CHECK_FALSE(daemon.wait_for_log("alert=vtr_below_threshold", 0ms, 2));
    CHECK_FALSE(daemon.wait_for_log("alert=vtr_recovered", 0ms, 3));
}

TEST_CASE("run: exits 3 on an invalid configuration, naming the closest key") {
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", "{\"databse\": \"x.db\"}");
    const auto result = vtrguard::test::run_vtrguard({"run", "--config", config.string()});
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("database") != std::string::npos);
}
