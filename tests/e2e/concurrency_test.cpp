#include "support/daemon_process.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using vtrguard::test::DaemonProcess;
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

std::string in_minutes(int minutes) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return vtrguard::core::format_instant(now + std::chrono::minutes{minutes});
}

std::string config_for(const TempDir& dir, const std::string& inbox) {
    return fmt::format(R"({{"database": "{}", "inbox": "{}", "poll_interval": "1s"}})",
                       (dir / "vtrguard.db").string(),
                       (dir / inbox).string());
}

// A CSV of orders `prefix`-0 … due in 30 minutes with no number: each raises TRACKING_MISSING.
std::string orders_csv(const std::string& prefix, int count, std::vector<std::string>& ids) {
    std::string csv = "order_id,ship_by,carrier,tracking_number\n";
    for (int i = 0; i < count; ++i) {
        ids.push_back(fmt::format("{}-{}", prefix, i));
        csv += fmt::format("{},{},ups,\n", ids.back(), in_minutes(30));
    }
    return csv;
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

std::string raised_line(const std::string& id) {
    return "alert=TRACKING_MISSING event=raised level=critical order=" + id + " ";
}

} // namespace

TEST_CASE("concurrency: two daemons, imports, inbox files and a raw writer on one database "
          "lose no order and log every alert once") {
    const TempDir dir;
    const auto first_config = dir.write("first.json", config_for(dir, "inbox"));
    const auto second_config = dir.write("second.json", config_for(dir, "inbox2"));
    DaemonProcess first({"run", "--config", first_config.string()}, dir / "first.log");
    REQUIRE(first.wait_for_log("started", scaled(5s)));
    DaemonProcess second({"run", "--config", second_config.string()}, dir / "second.log");
    REQUIRE(second.wait_for_log("started", scaled(5s)));

    std::vector<std::string> raw_ids;
    std::atomic<int> raw_failures = 0;
    std::thread raw_writer([&] {
        // Another program writing the table as docs/store.md shows: short transactions.
        SQLite::Database database((dir / "vtrguard.db").string(), SQLite::OPEN_READWRITE);
        database.setBusyTimeout(5000);
        SQLite::Statement insert(database,
                                 "INSERT INTO orders (order_id, ship_by, carrier) "
                                 "VALUES (?, unixepoch() + 1800, 'ups')");
        for (int i = 0; i < 60; ++i) {
            raw_ids.push_back(fmt::format("raw-{}", i));
            try {
                insert.bind(1, raw_ids.back());
                insert.exec();
                insert.reset();
            } catch (const SQLite::Exception&) {
                ++raw_failures;
                insert.tryReset();
            }
            std::this_thread::sleep_for(50ms); // spread over the run, between the sweeps
        }
    });

    std::vector<std::string> ids;
    for (int file = 0; file < 6; ++file) {
        const auto csv = dir.write(fmt::format("import-{}.csv", file),
                                   orders_csv(fmt::format("imp{}", file), 20, ids));
        const auto imported = vtrguard::test::run_vtrguard(
            {"import", "--config", first_config.string(), csv.string()});
        CHECK_MESSAGE(imported.exit_code == 0, imported.err);
        if (file % 2 == 0) {
            const auto name = fmt::format("drop-{}.csv", file);
            const auto hidden =
                dir.write("inbox/." + name, orders_csv(fmt::format("inbox{}", file), 10, ids));
            fs::rename(hidden, dir / "inbox" / name);
        }
    }
    raw_writer.join();
    CHECK(raw_failures.load() == 0);
    ids.insert(ids.end(), raw_ids.begin(), raw_ids.end());

    // Every alert is logged, by one daemon or the other, exactly once.
    const auto deadline = std::chrono::steady_clock::now() + scaled(60s);
    std::string logs;
    std::size_t missing = ids.size();
    while (missing > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(200ms);
        logs = first.log() + second.log();
        missing = 0;
        for (const auto& id : ids) {
            missing += logs.find(raised_line(id)) == std::string::npos ? 1U : 0U;
        }
    }
    CHECK(missing == 0);
    std::size_t twice = 0;
    for (const auto& id : ids) {
        twice += occurrences(logs, raised_line(id)) > 1 ? 1U : 0U;
    }
    CHECK(twice == 0);
    CHECK(occurrences(logs, "inbox: ") >= 3);
    CHECK(logs.find("failed/") == std::string::npos);

    // Nothing lost: every order written is in the table, and the WAL checkpoints with both
    // daemons still running.
    first.signal(SIGTERM);
    CHECK(first.wait_exit(scaled(5s)) == 0);
    SQLite::Database check((dir / "vtrguard.db").string(), SQLite::OPEN_READWRITE);
    check.setBusyTimeout(5000);
    SQLite::Statement find(check, "SELECT count(*) FROM orders WHERE order_id = ?");
    std::size_t absent = 0;
    for (const auto& id : ids) {
        find.bind(1, id);
        find.executeStep();
        absent += find.getColumn(0).getInt() == 1 ? 0U : 1U;
        find.reset();
    }
    CHECK(absent == 0);
    CHECK(check.execAndGet("SELECT count(*) FROM orders").getInt64()
          == static_cast<std::int64_t>(ids.size()));
    SQLite::Statement checkpoint(check, "PRAGMA wal_checkpoint(TRUNCATE)");
    REQUIRE(checkpoint.executeStep());
    CHECK(checkpoint.getColumn(0).getInt() == 0);
    second.signal(SIGTERM);
    CHECK(second.wait_exit(scaled(5s)) == 0);
}
