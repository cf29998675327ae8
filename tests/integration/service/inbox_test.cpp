// The inbox on a real folder, its time passed in: links and odd entries set aside unread,
// files taken only once they stop changing, long names, retries, .error permissions.
#include "support/temp_dir.hpp"

#include <vtrguard/service/inbox.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sys/stat.h>

using namespace std::chrono_literals;
using vtrguard::service::Inbox;
using vtrguard::test::TempDir;

namespace {

namespace fs = std::filesystem;

const Inbox::SteadyTime k_start{std::chrono::hours{1000}};

struct InboxFixture {
    TempDir dir;
    Inbox inbox{dir / "inbox", 1s};

    InboxFixture() { REQUIRE(inbox.prepare()); }

    fs::path put(const std::string& name, const std::string& content) const {
        return dir.write("inbox/" + name, content);
    }

    // Files the inbox takes at `now`, by name.
    std::vector<std::string> ready(Inbox::SteadyTime now) {
        std::vector<std::string> names;
        for (const auto& file : inbox.scan(now).ready) {
            names.push_back(file.filename().string());
        }
        return names;
    }
};

fs::perms permissions(const fs::path& path) {
    return fs::symlink_status(path).permissions() & fs::perms::mask;
}

vtrguard::orders::ImportReport with_bad_row() {
    vtrguard::orders::ImportReport report;
    report.rows_read = 2;
    report.rows_imported = 1;
    report.errors.push_back({3, "ship_by", "not a date"});
    return report;
}

} // namespace

TEST_CASE_FIXTURE(InboxFixture, "inbox: a symbolic link is moved aside unread, never followed") {
    const auto secret = dir.write("secret.csv", "order_id\nSECRET-LINE-42\n");
    fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink(secret, dir / "inbox/orders.csv");
    put("plain.csv", "order_id\nA-1\n");

    const auto scan = inbox.scan(k_start);
    REQUIRE(scan.warnings.size() == 1);
    CHECK(scan.warnings[0].find("orders.csv is a symbolic link") != std::string::npos);
    CHECK(scan.warnings[0].find("moved to failed/orders.csv unread") != std::string::npos);
    CHECK(scan.warnings[0].find("SECRET") == std::string::npos);
    CHECK(scan.ready.empty()); // plain.csv is still settling
    // The link itself moved, still pointing where it did; the target was not touched.
    REQUIRE(fs::is_symlink(dir / "inbox/failed/orders.csv"));
    CHECK(fs::read_symlink(dir / "inbox/failed/orders.csv") == secret);
    CHECK(vtrguard::test::read_file(secret) == "order_id\nSECRET-LINE-42\n");
    const auto error_file = dir / "inbox/failed/orders.csv.error";
    REQUIRE(fs::exists(error_file));
    CHECK(vtrguard::test::read_file(error_file).find("SECRET") == std::string::npos);
    CHECK(permissions(error_file) == (fs::perms::owner_read | fs::perms::owner_write));
    // The regular file beside it is taken as usual.
    CHECK(ready(k_start + 1s) == std::vector<std::string>{"plain.csv"});
}

TEST_CASE_FIXTURE(InboxFixture, "inbox: a FIFO is moved aside, never opened") {
    REQUIRE(::mkfifo((dir / "inbox/pipe.csv").c_str(), 0600) == 0);
    const auto scan = inbox.scan(k_start);
    REQUIRE(scan.warnings.size() == 1);
    CHECK(scan.warnings[0].find("pipe.csv is a FIFO") != std::string::npos);
    CHECK(fs::is_fifo(fs::symlink_status(dir / "inbox/failed/pipe.csv")));
    CHECK_FALSE(fs::exists(fs::symlink_status(dir / "inbox/pipe.csv")));
}

TEST_CASE_FIXTURE(InboxFixture,
                  "inbox: a file is taken only once its size and time stop changing") {
    const auto file = put("orders.csv", "order_id,ship_by\n");
    auto scan = inbox.scan(k_start);
    CHECK(scan.ready.empty());
    REQUIRE(scan.next_ready);
    CHECK(*scan.next_ready == k_start + 1s);
    CHECK(ready(k_start + 900ms).empty());

    // A row appended: the settle time starts again from the sighting of the change.
    std::ofstream(file, std::ios::app) << "A-1,2026-12-01T00:00:00Z\n";
    scan = inbox.scan(k_start + 950ms);
    CHECK(scan.ready.empty());
    REQUIRE(scan.next_ready);
    CHECK(*scan.next_ready == k_start + 1950ms);
    CHECK(ready(k_start + 1500ms).empty());
    CHECK(ready(k_start + 1950ms) == std::vector<std::string>{"orders.csv"});
}

TEST_CASE_FIXTURE(InboxFixture, "inbox: names of files still being written are never taken") {
    put(".orders.csv", "order_id\n");
    put("orders.csv.tmp", "order_id\n");
    put("orders.csv.part", "order_id\n");
    CHECK(inbox.scan(k_start).ready.empty());
    CHECK(inbox.scan(k_start + 1h).ready.empty());
}

TEST_CASE_FIXTURE(InboxFixture, "inbox: a name too long for a suffix or .error never stops it") {
    const std::string long_name = std::string(250, 'a') + ".csv"; // 254 bytes: the most there is
    const auto file = put(long_name, "order_id\nA-1\n");
    put("next.csv", "order_id\nB-1\n");
    (void)inbox.scan(k_start);
    const auto scan = inbox.scan(k_start + 1s);
    REQUIRE(scan.ready.size() == 2);

    // Sent to failed/ with a bad row: NAME.error would be 260 bytes, so the name is cut.
    const auto settled = inbox.settle(file, with_bad_row());
    REQUIRE(settled);
    CHECK(settled->parent_path() == dir / "inbox/failed");
    CHECK(settled->filename().string().size() < long_name.size());
    CHECK(long_name.starts_with(settled->filename().string()));
    CHECK(fs::exists(settled->string() + ".error"));
    CHECK_FALSE(fs::exists(file));

    // The same name again: the next free suffix, no exception.
    const auto again = put(long_name, "order_id\nA-1\n");
    const auto second = inbox.settle(again, with_bad_row());
    REQUIRE(second);
    CHECK(*second != *settled);
    CHECK(fs::exists(*second));

    const auto next = inbox.settle(dir / "inbox/next.csv", vtrguard::orders::ImportReport{});
    REQUIRE(next);
    CHECK(*next == dir / "inbox/done/next.csv");
}

TEST_CASE_FIXTURE(InboxFixture, "inbox: .error files are no wider than the file they describe") {
    for (const auto mode :
         {fs::perms::owner_read | fs::perms::owner_write,
          fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read}) {
        CAPTURE(static_cast<int>(mode));
        const auto file = put("orders.csv", "order_id\nA-1\n");
        fs::permissions(file, mode);
        const auto settled = inbox.settle(file, with_bad_row());
        REQUIRE(settled);
        CHECK(permissions(settled->string() + ".error") == mode);
    }
    // A whole-file failure too.
    const auto file = put("bad.csv", "nothing useful\n");
    fs::permissions(file, fs::perms::owner_read);
    const vtrguard::Result<vtrguard::orders::ImportReport> failed =
        vtrguard::fail(vtrguard::ErrorCode::invalid_input, "bad.csv: no order_id column");
    const auto settled = inbox.settle(file, failed);
    REQUIRE(settled);
    CHECK(permissions(settled->string() + ".error") == fs::perms::owner_read);
}

TEST_CASE_FIXTURE(InboxFixture, "inbox: a temporary failure keeps the file, tried after a pause") {
    CHECK(Inbox::is_temporary({vtrguard::ErrorCode::store, "begin: database is locked"}));
    CHECK(Inbox::is_temporary({vtrguard::ErrorCode::io, "disk full"}));
    CHECK_FALSE(Inbox::is_temporary({vtrguard::ErrorCode::invalid_input, "no header"}));

    const auto file = put("orders.csv", "order_id\nA-1\n");
    (void)inbox.scan(k_start);
    REQUIRE(ready(k_start + 1s).size() == 1);
    // Pauses double: 1 s, 2 s, 4 s …
    CHECK(inbox.retry_later(file, k_start + 1s) == 1s);
    CHECK(ready(k_start + 1500ms).empty());
    CHECK(ready(k_start + 2s).size() == 1);
    CHECK(inbox.retry_later(file, k_start + 2s) == 2s);
    CHECK(ready(k_start + 3s).empty());
    const auto scan = inbox.scan(k_start + 3s);
    REQUIRE(scan.next_ready);
    CHECK(*scan.next_ready == k_start + 4s);
    CHECK(ready(k_start + 4s).size() == 1);
    CHECK(inbox.retry_later(file, k_start + 4s) == 4s);
    for (int i = 0; i < 10; ++i) {
        (void)inbox.retry_later(file, k_start + 4s);
    }
    CHECK(inbox.retry_later(file, k_start + 4s) == 60s); // never longer than a minute
    CHECK(fs::exists(file));
}
