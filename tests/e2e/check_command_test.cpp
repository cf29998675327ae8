#include "support/daemon_process.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <sstream>

using vtrguard::test::DaemonProcess;
using vtrguard::test::run_vtrguard;
using vtrguard::test::TempDir;

namespace {

// The binary's clock cannot be moved, so the orders' ship-by times are set relative to now.
std::string in_hours(int hours) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return vtrguard::core::format_instant(now + std::chrono::hours{hours});
}

std::string in_minutes(int minutes) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return vtrguard::core::format_instant(now + std::chrono::minutes{minutes});
}

} // namespace

TEST_CASE("check: records nothing, so the daemon still logs the alerts it printed") {
    const TempDir dir;
    const auto db = (dir / "orders.db").string();
    const auto csv = dir.write("orders.csv",
                               "order_id,ship_by,carrier,tracking_number\n"
                               "113-due-soon,"
                                   + in_minutes(30) + ",ups,\n");
    REQUIRE(run_vtrguard({"import", "--db", db, csv.string()}).exit_code == 0);

    const auto checked = run_vtrguard({"check", "--db", db});
    CHECK(checked.exit_code == 1);
    CHECK(checked.out.find("113-due-soon missing_tracking") != std::string::npos);
    // Twice: the first check left no trace for the second to miss either.
    const auto again = run_vtrguard({"check", "--db", db});
    CHECK(again.exit_code == 1);
    CHECK(again.out.find("113-due-soon missing_tracking") != std::string::npos);

    DaemonProcess daemon({"run", "--db", db}, dir / "daemon.log");
    CHECK(
        daemon.wait_for_log("alert=TRACKING_MISSING event=raised level=critical order=113-due-soon",
                            std::chrono::seconds(10)));
}

TEST_CASE(
    "check: exit 0 with nothing at risk, 1 with orders at risk, JSON per order and condition") {
    const TempDir dir;
    const auto db = (dir / "orders.db").string();
    const auto empty = run_vtrguard({"check", "--db", db});
    CHECK(empty.exit_code == 0);
    CHECK(empty.out.empty());

    const auto csv = dir.write("orders.csv",
                               "order_id,ship_by,carrier,tracking_number\n"
                               "113-ok,"
                                   + in_hours(2)
                                   + ",ups,1Z5R89390357567127\n"
                                     "113-missing,"
                                   + in_hours(2)
                                   + ",ups,\n"
                                     "113-far,"
                                   + in_hours(72) + ",ups,\n");
    const auto imported = run_vtrguard({"import", "--db", db, csv.string()});
    CHECK(imported.exit_code == 0);
    CHECK(imported.out.find("3 rows read, 3 imported") != std::string::npos);

    const auto risky = run_vtrguard({"check", "--db", db, "--format", "json"});
    CHECK(risky.exit_code == 1);
    std::istringstream lines(risky.out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
        rapidjson::Document document;
        document.Parse(line.c_str());
        REQUIRE_FALSE(document.HasParseError());
        CHECK(std::string(document["order_id"].GetString()) == "113-missing");
        CHECK(std::string(document["condition"].GetString()) == "missing_tracking");
        CHECK(std::string(document["level"].GetString()) == "error");
        CHECK(document["ship_by"].IsString());
        CHECK(document.HasMember("tracking_number"));
        CHECK(std::string(document["carrier"].GetString()) == "ups");
        ++count;
    }
    CHECK(count == 1);
    // Still at risk on the next check, without a second alert row.
    CHECK(run_vtrguard({"check", "--db", db}).exit_code == 1);

    const auto fixed =
        dir.write("fix.csv", "order_id,tracking_number\n113-missing,1Z5R89390357567136\n");
    CHECK(run_vtrguard({"import", "--db", db, fixed.string()}).exit_code == 0);
    CHECK(run_vtrguard({"check", "--db", db}).exit_code == 0);
}

TEST_CASE("check: exit 2 on usage, 3 on a bad configuration, 4 when the database cannot open") {
    const TempDir dir;
    CHECK(run_vtrguard({"check", "--format", "xml"}).exit_code == 2);
    const auto bad = dir.write("bad.json", R"({"pol_interval": "5m"})");
    const auto config = run_vtrguard({"check", "--config", bad.string()});
    CHECK(config.exit_code == 3);
    CHECK(config.err.find("poll_interval") != std::string::npos);
    const auto not_db = dir.write("not.db", std::string(4096, 'x'));
    CHECK(run_vtrguard({"check", "--db", not_db.string()}).exit_code == 4);
}

TEST_CASE("import: bad rows go to stderr as file:line: column: why, exit 1") {
    const TempDir dir;
    const auto csv = dir.write("o.csv", "order_id,ship_by\n113-1,2026-11-27\n113-2,9999-01-01\n");
    const auto result = run_vtrguard({"import", "--db", (dir / "o.db").string(), csv.string()});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find(csv.string() + ":3: ship_by: ") != std::string::npos);
    CHECK(result.out.find("1 imported") != std::string::npos);
    const auto missing =
        run_vtrguard({"import", "--db", (dir / "o.db").string(), "/nonexistent.csv"});
    CHECK(missing.exit_code == 2);
}

TEST_CASE("config check and show") {
    const TempDir dir;
    const auto good =
        dir.write("good.json", "// comment\n{ \"lead_times\": { \"warn\": \"2d\" } }");
    CHECK(run_vtrguard({"config", "check", good.string()}).exit_code == 0);
    const auto bad = dir.write("bad.json", R"({"lead_times": {"warn": "soon"}})");
    const auto checked = run_vtrguard({"config", "check", bad.string()});
    CHECK(checked.exit_code == 3);
    CHECK(checked.err.find(bad.string() + ": lead_times.warn: ") == 0);

    const auto shown =
        run_vtrguard({"config", "show", "--config", good.string(), "--db", "/srv/v.db"});
    CHECK(shown.exit_code == 0);
    rapidjson::Document document;
    document.Parse(shown.out.c_str());
    REQUIRE_FALSE(document.HasParseError());
    CHECK(std::string(document["database"].GetString()) == "/srv/v.db");
    CHECK(std::string(document["inbox"].GetString()) == "/srv/inbox");
    CHECK(std::string(document["lead_times"]["warn"].GetString()) == "2d");
}

TEST_CASE("config: the shipped example is valid") {
    CHECK(run_vtrguard({"config", "check", VTRGUARD_SOURCE_DIR "/config/vtrguard.json"}).exit_code
          == 0);
}

TEST_CASE("check: the configuration's rules_dir carriers are used; a bad rule file exits 2") {
    const TempDir dir;
    const auto db = (dir / "orders.db").string();
    const auto folder = dir / "carriers.d";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(VTRGUARD_SOURCE_DIR "/config/carriers.d/example-regional-line.json",
                               folder / "example-regional-line.json");
    const auto config =
        dir.write("vtrguard.json", R"({"rules_dir": ")" + folder.string() + R"("})");
    // WL12345678905 is a number of the example's regional line only.
    const auto csv = dir.write("orders.csv",
                               "order_id,ship_by,carrier,tracking_number\n"
                               "w-1,"
                                   + in_hours(2) + ",Westlake,WL12345678905\n");
    CHECK(run_vtrguard({"import", "--db", db, csv.string()}).exit_code == 0);

    const auto builtin = run_vtrguard({"check", "--db", db});
    CHECK(builtin.exit_code == 1);
    CHECK(builtin.out.find("invalid_tracking") != std::string::npos);

    const auto with_rules = run_vtrguard({"check", "--config", config.string(), "--db", db});
    CHECK(with_rules.exit_code == 0);
    CHECK(with_rules.out.find("invalid_tracking") == std::string::npos);

    const auto bad = dir.write("carriers.d/zz-bad.json", R"({"carriers": [{"code": "w"}]})");
    const auto rejected = run_vtrguard({"check", "--config", config.string(), "--db", db});
    CHECK(rejected.exit_code == 2);
    CHECK(rejected.err.find(bad.string()) != std::string::npos);
    CHECK(rejected.err.find("rules_dir") != std::string::npos);
}
