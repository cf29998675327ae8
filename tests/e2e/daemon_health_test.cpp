#include "support/daemon_process.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;
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

std::string config_text(const TempDir& dir, const std::string& extra = "") {
    return fmt::format(R"({{"database": "{}", "inbox": "{}", "poll_interval": "1s"{}}})",
                       (dir / "vtrguard.db").string(),
                       (dir / "inbox").string(),
                       extra.empty() ? "" : ", " + extra);
}

// CPU time (user + system) the process has used, from /proc/PID/stat.
std::chrono::milliseconds cpu_time(pid_t pid) {
    std::ifstream stat(fmt::format("/proc/{}/stat", pid));
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces) start after its closing ')'.
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    long long user = 0;
    long long system = 0;
    for (int index = 3; fields >> field; ++index) {
        if (index == 14) {
            user = std::stoll(field);
        } else if (index == 15) {
            system = std::stoll(field);
            break;
        }
    }
    const auto ticks = sysconf(_SC_CLK_TCK);
    return std::chrono::milliseconds((user + system) * 1000 / ticks);
}

} // namespace

TEST_CASE("run: sweeps failing longer than stall_after log DAEMON_STALLED once, stop the "
          "watchdog pings and say so in STATUS=; recovery resumes them") {
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir, R"("stall_after": "2s")"));
    NotifySocket notify(dir / "notify.sock");
    DaemonProcess daemon({"run", "--config", config.string()},
                         dir / "daemon.log",
                         {"NOTIFY_SOCKET=" + notify.path().string(), "WATCHDOG_USEC=600000"});
    REQUIRE(notify.wait_for("READY=1", scaled(5s)));
    REQUIRE(notify.wait_for("last good sweep at 2", scaled(3s)));
    REQUIRE(notify.wait_for("WATCHDOG=1", scaled(3s)));

    {
        // Another program holds the write lock: every sweep now fails after the busy timeout.
        SQLite::Database blocker((dir / "vtrguard.db").string(), SQLite::OPEN_READWRITE);
        blocker.exec("BEGIN IMMEDIATE");
        blocker.exec("INSERT INTO orders (order_id, ship_by) VALUES ('held', unixepoch() + 600)");
        REQUIRE(daemon.wait_for_log("alert=DAEMON_STALLED", scaled(20s)));
        CHECK(daemon.log().find("critical") != std::string::npos);
        CHECK(daemon.log().find("work=sweep") != std::string::npos);
        CHECK(daemon.log().find("database is locked") != std::string::npos);
        CHECK(notify.wait_for("STATUS=STALLED: sweep failing since", scaled(2s)));
        const auto pings = notify.count("WATCHDOG=1");
        // One more failed sweep (each waits out the 5 s busy timeout), with free time around it.
        REQUIRE(daemon.wait_for_log("sweep: begin: database is locked", scaled(20s), 3));
        CHECK(notify.count("WATCHDOG=1") == pings);
        std::size_t stalled_lines = 0;
        const auto log = daemon.log();
        for (auto at = log.find("alert=DAEMON_STALLED"); at != std::string::npos;
             at = log.find("alert=DAEMON_STALLED", at + 1)) {
            ++stalled_lines;
        }
        CHECK(stalled_lines == 1);
        blocker.exec("COMMIT");
    }
    // The next sweep succeeds: pings come again and the held order got swept.
    const auto pings = notify.count("WATCHDOG=1");
    CHECK(daemon.wait_for_log("order=held", scaled(10s)));
    const auto deadline = std::chrono::steady_clock::now() + scaled(5s);
    while (notify.count("WATCHDOG=1") == pings && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
    }
    CHECK(notify.count("WATCHDOG=1") > pings);
    daemon.signal(SIGTERM);
    CHECK(daemon.wait_exit(scaled(5s)) == 0);
}

TEST_CASE("run: a database the daemon cannot write is exit 4 at start") {
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir));
    // Created and migrated, then made read-only to the user the daemon runs as.
    REQUIRE(vtrguard::test::run_vtrguard({"check", "--config", config.string()}).exit_code == 0);
    const std::vector<std::string> args{"run", "--config", config.string()};
    if (geteuid() == 0) {
        // root writes any file: run as nobody, who may create files in the folder (the WAL's
        // -shm, the inbox) but not write the database, which stays root's.
        if (!fs::exists("/usr/bin/setpriv")) {
            MESSAGE("skipped: running as root without setpriv to drop privileges");
            return;
        }
        fs::permissions(dir.path(), fs::perms::all);
        for (const auto& entry : fs::directory_iterator(dir.path())) {
            fs::permissions(entry.path(), fs::perms(0644));
        }
        std::vector<std::string> command{
            "--reuid=65534", "--regid=65534", "--clear-groups", VTRGUARD_BINARY};
        command.insert(command.end(), args.begin(), args.end());
        const auto result = vtrguard::test::run_process("/usr/bin/setpriv", command);
        CHECK(result.exit_code == 4);
        CHECK(result.err.find("read-only") != std::string::npos);
        return;
    }
    fs::permissions(dir / "vtrguard.db", fs::perms(0444));
    const auto result = vtrguard::test::run_process(VTRGUARD_BINARY, args);
    CHECK(result.exit_code == 4);
    CHECK(result.err.find("read-only") != std::string::npos);
}

TEST_CASE("run: ship-by times past the supported years are reported once and the daemon idles") {
    const TempDir dir;
    const auto config = dir.write("vtrguard.json", config_text(dir));
    REQUIRE(vtrguard::test::run_vtrguard({"check", "--config", config.string()}).exit_code == 0);
    {
        // Written straight into the table, as docs/store.md allows other programs to.
        SQLite::Database writer((dir / "vtrguard.db").string(), SQLite::OPEN_READWRITE);
        SQLite::Statement insert(writer,
                                 "INSERT INTO orders (order_id, ship_by, tracking_number) "
                                 "VALUES (?, ?, 'NOT-A-NUMBER')");
        const std::int64_t year_2400 = 13569465600;
        for (const auto& [id, ship_by] :
             {std::pair{"far-2400", year_2400},
              std::pair{"far-max", std::numeric_limits<std::int64_t>::max()},
              std::pair{"far-min", std::numeric_limits<std::int64_t>::min()}}) {
            insert.bind(1, id);
            insert.bind(2, ship_by);
            insert.exec();
            insert.reset();
        }
    }
    DaemonProcess daemon({"run", "--config", config.string()}, dir / "daemon.log");
    for (const auto* id : {"far-2400", "far-max", "far-min"}) {
        CHECK(daemon.wait_for_log(fmt::format("order {}: ship_by = ", id), scaled(5s)));
    }
    CHECK(daemon.log().find("is outside the years 2000..2100") != std::string::npos);
    // The orders still get their number checked, with no ship-by in the alert.
    CHECK(daemon.wait_for_log("order=far-max", scaled(3s)));
    const auto before = cpu_time(daemon.pid());
    std::this_thread::sleep_for(2s); // a spinning loop would burn most of this in CPU time
    const auto used = cpu_time(daemon.pid()) - before;
    CHECK(used < 500ms);
    for (const auto* id : {"far-2400", "far-max", "far-min"}) {
        const auto log = daemon.log();
        const auto line = fmt::format("order {}: ship_by = ", id);
        CHECK(log.find(line) == log.rfind(line)); // once
    }
    // `check` prints no ship-by and no nonsense minutes for them.
    const auto checked =
        vtrguard::test::run_vtrguard({"check", "--config", config.string(), "--format", "json"});
    CHECK(checked.exit_code == 1);
    CHECK(checked.out.find(R"("order_id":"far-min")") != std::string::npos);
    CHECK(checked.out.find(R"("ship_by":null,"minutes_left":null)") != std::string::npos);
    CHECK(checked.out.find("-153722867") == std::string::npos); // INT64_MIN s in minutes
    daemon.signal(SIGTERM);
    CHECK(daemon.wait_exit(scaled(5s)) == 0);
}
