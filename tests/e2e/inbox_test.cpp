// The daemon's inbox against what other programs leave in it: links, long names, a database
// another writer holds. The real binary, a real SQLite file, real files.
#include "support/daemon_process.hpp"
#include "support/temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

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

// A daemon on `dir`'s database and inbox, ready once READY=1 came.
struct InboxDaemon {
    const TempDir& dir;
    NotifySocket notify{dir / "notify.sock"};
    DaemonProcess daemon;

    explicit InboxDaemon(const TempDir& in)
        : dir(in)
        , daemon({"run",
                  "--config",
                  in.write("vtrguard.json",
                           "{\"database\": \"" + (in / "vtrguard.db").string() + "\", \"inbox\": \""
                               + (in / "inbox").string() + "\", \"poll_interval\": \"1s\"}")
                      .string()},
                 in / "daemon.log",
                 {"NOTIFY_SOCKET=" + (in / "notify.sock").string()}) {
        REQUIRE(notify.wait_for("READY=1", scaled(5s)));
    }

    // Drops a file the way writers should: under a hidden name, then renamed into place.
    void drop(const std::string& name, const std::string& content) const {
        const auto hidden = dir.write("inbox/." + name, content);
        fs::rename(hidden, dir / ("inbox/" + name));
    }
};

} // namespace

TEST_CASE("inbox: the daemon moves a link aside without reading its target") {
    const TempDir dir;
    InboxDaemon inbox(dir);
    const auto secret = dir.write("private.csv", "order_id\nSECRET-ORDER-7\n");
    fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink(secret, dir / "inbox/orders.csv");
    REQUIRE(inbox.daemon.wait_for_log("orders.csv is a symbolic link", scaled(3s)));
    CHECK(inbox.daemon.log().find("SECRET") == std::string::npos);
    CHECK(fs::is_symlink(dir / "inbox/failed/orders.csv"));
    const auto error_file = dir / "inbox/failed/orders.csv.error";
    REQUIRE(fs::exists(error_file));
    CHECK(vtrguard::test::read_file(error_file).find("SECRET") == std::string::npos);
    CHECK((fs::status(error_file).permissions() & (fs::perms::group_all | fs::perms::others_all))
          == fs::perms::none);
    // The inbox goes on working.
    inbox.drop("after.csv", "order_id,ship_by\nA-1,2030-01-01T00:00:00Z\n");
    CHECK(inbox.daemon.wait_for_log("inbox: after.csv: 1 rows imported", scaled(3s)));
}

TEST_CASE("inbox: a name too long for failed/NAME.error blocks neither it nor the files after") {
    const TempDir dir;
    InboxDaemon inbox(dir);
    const std::string long_name = "a" + std::string(249, 'x') + ".csv";
    inbox.drop(long_name, "order_id,ship_by\nA-1,2030-01-01T00:00:00Z\nA-2,not-a-date\n");
    inbox.drop("zz.csv", "order_id,ship_by\nZ-1,2030-01-01T00:00:00Z\n");
    CHECK(inbox.daemon.wait_for_log("inbox: zz.csv: 1 rows imported", scaled(3s)));
    CHECK(inbox.daemon.wait_for_log("1 rows imported, 1 skipped", scaled(3s)));
    CHECK_FALSE(fs::exists(dir / ("inbox/" + long_name)));
    std::size_t errors = 0;
    for (const auto& entry : fs::directory_iterator(dir / "inbox/failed")) {
        errors += entry.path().extension() == ".error" ? 1U : 0U;
    }
    CHECK(errors == 1);
    CHECK(inbox.daemon.log().find("unexpected failure") == std::string::npos);
}

TEST_CASE("inbox: a database another writer holds keeps the file for a retry, not failed/") {
    const TempDir dir;
    InboxDaemon inbox(dir);
    {
        // An outside writer holds the write lock longer than the store waits for it.
        SQLite::Database other((dir / "vtrguard.db").string(), SQLite::OPEN_READWRITE);
        other.setBusyTimeout(10000); // the daemon may be sweeping when the test asks
        other.exec("BEGIN IMMEDIATE");
        inbox.drop("orders.csv", "order_id,ship_by\nA-1,2030-01-01T00:00:00Z\n");
        REQUIRE(inbox.daemon.wait_for_log("the file stays in the inbox, next try in", scaled(15s)));
        CHECK(inbox.daemon.log().find("database is locked") != std::string::npos);
        CHECK(fs::exists(dir / "inbox/orders.csv"));
        CHECK_FALSE(fs::exists(dir / "inbox/failed/orders.csv"));
        other.exec("ROLLBACK"); // it wrote nothing: the lock alone was the point
    }
    CHECK(inbox.daemon.wait_for_log("inbox: orders.csv: 1 rows imported", scaled(15s)));
    CHECK(fs::exists(dir / "inbox/done/orders.csv"));
    CHECK_FALSE(fs::exists(dir / "inbox/failed/orders.csv"));
}
