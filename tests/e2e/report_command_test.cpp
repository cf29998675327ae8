#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/zones.hpp"

#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

using vtrguard::test::run_vtrguard;
using vtrguard::test::TempDir;

namespace {

// The binary's clock cannot be moved, so the orders' dates are set relative to now.
std::string days_ago(int days) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return vtrguard::core::format_instant(now - std::chrono::hours{24} * days);
}

std::string shipments_csv() {
    std::string csv = "order_id,status,category,carrier,tracking_number,ship_confirmed_at,"
                      "deliver_by,first_scan_at,ship_from_country,ship_to_country,order_value,"
                      "currency\n";
    const auto row = [&csv](std::string_view id,
                            std::string_view category,
                            std::string_view carrier,
                            std::string_view number,
                            int confirmed,
                            std::string_view scan) {
        csv += std::string(id) + ",shipped," + std::string(category) + "," + std::string(carrier)
               + "," + std::string(number) + "," + days_ago(confirmed) + ","
               + days_ago(confirmed - 3) + "," + std::string(scan) + ",US,US,19.99,USD\n";
    };
    row("113-a", "toys", "ups", "1Z5R89390357567127", 20, days_ago(19));
    row("113-b", "toys", "Other", "1Z5R89390357567127X", 20, days_ago(19));
    row("113-c", "books", "ups", "", 15, "");
    row("113-d", "books", "usps", "9400111206206406260787", 10, "");
    row("113-e", "books", "fedex", "287809468872", 5, "");
    return csv;
}

} // namespace

TEST_CASE("vtr: JSON with totals, rate and breakdowns, exit 1 below the threshold") {
    const TempDir dir;
    const auto db = (dir / "orders.db").string();
    const auto empty = run_vtrguard({"vtr", "--db", db, "--format", "json"});
    CHECK(empty.exit_code == 0);
    CHECK(empty.out.find("\"total\":0") != std::string::npos);
    CHECK(empty.out.find("\"rate\":null") != std::string::npos);

    const auto csv = dir.write("orders.csv", shipments_csv());
    const auto imported = run_vtrguard({"import", "--db", db, csv.string()});
    REQUIRE(imported.exit_code == 0);
    const auto vtr = run_vtrguard({"vtr", "--db", db, "--format", "json", "--days", "30"});
    CHECK(vtr.exit_code == 1);
    rapidjson::Document document;
    document.Parse(vtr.out.c_str());
    REQUIRE_FALSE(document.HasParseError());
    CHECK(document["total"].GetInt() == 5);
    CHECK(document["valid"].GetInt() == 1);
    CHECK(document["pending"].GetInt() == 1);
    CHECK(document["not_valid"].GetInt() == 3);
    CHECK(document["rate"].GetDouble() == doctest::Approx(25.0));
    CHECK(document["causes"]["carrier_not_integrated"].GetInt() == 1);
    CHECK(document["causes"]["tracking_missing"].GetInt() == 1);
    CHECK(document["causes"]["never_scanned"].GetInt() == 1);
    REQUIRE(document["by_category"].IsArray());
    CHECK(document["by_category"].Size() == 2);
    CHECK(document["by_carrier"].IsArray());
    CHECK(document["by_marketplace"][0]["total"].GetInt() == 5);

    const auto text = run_vtrguard({"vtr", "--db", db});
    CHECK(text.out.find("rate 25.00%") != std::string::npos);
    CHECK(text.out.find("below threshold") != std::string::npos);
}

TEST_CASE("report: writes the page, the failing orders and the plan draft") {
    const TempDir dir;
    const auto db = (dir / "orders.db").string();
    const auto csv = dir.write("orders.csv", shipments_csv());
    REQUIRE(run_vtrguard({"import", "--db", db, csv.string()}).exit_code == 0);
    const auto out = dir / "pack";
    const auto report = run_vtrguard({"report", "--db", db, "--days", "90", "--out", out.string()});
    CHECK(report.exit_code == 0);
    const auto failing = vtrguard::test::read_file(out / "failing-orders.csv");
    CHECK(failing.find("113-b,") != std::string::npos);
    CHECK(failing.find(",carrier_not_integrated,") != std::string::npos);
    CHECK(failing.find("113-a,") == std::string::npos);
    CHECK(vtrguard::test::read_file(out / "plan-of-action.md").find("DRAFT") != std::string::npos);
    CHECK(std::filesystem::file_size(out / "report.html") > 1000);
    CHECK(run_vtrguard({"report", "--db", db}).exit_code == 2); // --out is required
}

namespace {

// `vtrguard vtr` text and the three report files, run under `env`.
std::vector<std::string> outputs_under(const TempDir& dir,
                                       const std::string& config,
                                       const std::vector<std::string>& env,
                                       const std::string& pack) {
    const auto vtr = vtrguard::test::run_vtrguard_with_env(env, {"vtr", "--config", config});
    REQUIRE(vtr.exit_code == 1);
    const auto report = vtrguard::test::run_vtrguard_with_env(
        env, {"report", "--config", config, "--out", (dir / pack).string()});
    REQUIRE(report.exit_code == 0);
    // The first line names the window to the second, and two runs are seconds apart.
    const auto first_line = vtr.out.substr(0, vtr.out.find('\n'));
    return {first_line.substr(first_line.find(", times in ")),
            vtr.out.substr(first_line.size()),
            vtrguard::test::read_file(dir / pack / "report.html"),
            vtrguard::test::read_file(dir / pack / "failing-orders.csv"),
            vtrguard::test::read_file(dir / pack / "plan-of-action.md")};
}

std::string config_with_zone(const TempDir& dir, const std::string& zone) {
    return dir
        .write("vtrguard.json",
               "{\"database\": \"" + (dir / "orders.db").string()
                   + "\", \"report\": {\"time_zone\": \"" + zone + "\"}}\n")
        .string();
}

} // namespace

TEST_CASE("vtr and report: the same output whatever the machine's time zone and locale") {
    const TempDir dir;
    const auto config = config_with_zone(dir, "+08:00");
    const auto csv = dir.write("orders.csv", shipments_csv());
    REQUIRE(run_vtrguard({"import", "--config", config, csv.string()}).exit_code == 0);
    const auto new_york =
        outputs_under(dir, config, {"TZ=America/New_York", "LC_ALL=de_DE.UTF-8"}, "new_york");
    const auto utc = outputs_under(dir, config, {"TZ=UTC", "LC_ALL=C"}, "utc");
    CHECK(new_york == utc);
    CHECK(utc.at(0) == ", times in UTC+08:00");
    CHECK(utc.at(2).find("days and times in UTC+08:00.") != std::string::npos);
    CHECK(utc.at(3).find("+08:00,") != std::string::npos);
    CHECK(utc.at(3).find("Z,") == std::string::npos);
    CHECK(utc.at(4).find("days and times in UTC+08:00.") != std::string::npos);
}

TEST_CASE("report.time_zone: an IANA name is read from tzdata"
          * doctest::skip(!vtrguard::test::has_zone_file("Asia/Shanghai"))) {
    const TempDir dir;
    const auto config = config_with_zone(dir, "Asia/Shanghai");
    const auto vtr = run_vtrguard({"vtr", "--config", config});
    CHECK(vtr.exit_code == 0);
    CHECK(vtr.out.find("+08:00, times in Asia/Shanghai (UTC+08:00)\n") != std::string::npos);
    const auto shown = run_vtrguard({"config", "show", "--config", config});
    CHECK(shown.out.find("\"time_zone\": \"Asia/Shanghai\"") != std::string::npos);
}

TEST_CASE("report.time_zone: an unknown zone is a configuration error naming key and value") {
    const TempDir dir;
    const auto config = config_with_zone(dir, "Mars/Olympus_Mons");
    const auto vtr = run_vtrguard({"vtr", "--config", config});
    CHECK(vtr.exit_code == 3);
    CHECK(vtr.err.find("report.time_zone: unknown time zone \"Mars/Olympus_Mons\"")
          != std::string::npos);
    const auto escape =
        run_vtrguard({"config", "check", config_with_zone(dir, "../../etc/passwd")});
    CHECK(escape.exit_code == 3);
    CHECK(escape.err.find("report.time_zone: \"../../etc/passwd\" is not a time zone name")
          != std::string::npos);
}
