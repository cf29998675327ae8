#include "support/temp_dir.hpp"

#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/config/json_comments.hpp>
#include <vtrguard/config/show.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;

TEST_CASE("config: defaults are the documented ones") {
    const auto config = config::defaults();
    CHECK(config.database == "/var/lib/vtrguard/vtrguard.db");
    CHECK(config.inbox_path() == "/var/lib/vtrguard/inbox");
    CHECK(config.poll_interval == 60s);
    CHECK(config.lead_times.warn == 24h);
    CHECK(config.lead_times.error == 4h);
    CHECK(config.lead_times.critical == 1h);
    CHECK(config.log.format == config::LogFormat::text);
    CHECK_FALSE(config.log.file);
}

TEST_CASE("config: reads every key, with comments") {
    const auto parsed = config::parse(R"(// top comment
{
  "database": "/srv/orders.db", /* inline */
  "poll_interval": "30s",
  "lead_times": { "warn": "2d", "error": "90m", "critical": "15m" },
  "log": { "format": "json", "file": "/var/log/vtrguard.log", "level": "debug" },
  "inbox": "/srv/drop // not a comment"
})",
                                      "test.json");
    REQUIRE(parsed);
    CHECK(parsed->database == "/srv/orders.db");
    CHECK(parsed->poll_interval == 30s);
    CHECK(parsed->lead_times.warn == 48h);
    CHECK(parsed->lead_times.error == 90min);
    CHECK(parsed->lead_times.critical == 15min);
    CHECK(parsed->log.format == config::LogFormat::json);
    CHECK(parsed->log.file == "/var/log/vtrguard.log");
    CHECK(parsed->log.level == "debug");
    CHECK(parsed->inbox_path() == "/srv/drop // not a comment");
}

TEST_CASE("config: an unknown key names the closest valid key") {
    const auto parsed = config::parse(R"({"lead_times": {"wran": "1d"}})", "c.json");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == ErrorCode::config);
    CHECK(parsed.error().message.find("c.json: lead_times.wran: unknown key") == 0);
    CHECK(parsed.error().message.find("\"lead_times.warn\"") != std::string::npos);
}

TEST_CASE("config: every value is validated") {
    SUBCASE("durations need units") {
        CHECK_FALSE(config::parse(R"({"poll_interval": "60"})", "c"));
        CHECK_FALSE(config::parse(R"({"poll_interval": 60})", "c"));
        CHECK_FALSE(config::parse(R"({"poll_interval": "0s"})", "c"));
    }
    SUBCASE("lead times must be in order") {
        const auto parsed = config::parse(R"({"lead_times": {"error": "2d"}})", "c");
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().message.find("lead_times.error") != std::string::npos);
    }
    SUBCASE("choices") {
        CHECK_FALSE(config::parse(R"({"log": {"format": "xml"}})", "c"));
        CHECK_FALSE(config::parse(R"({"log": {"level": "loud"}})", "c"));
        CHECK(config::parse(R"({"log": {"file": null}})", "c"));
    }
    SUBCASE("paths and shapes") {
        CHECK_FALSE(config::parse(R"({"database": ""})", "c"));
        CHECK_FALSE(config::parse(R"({"log": "json"})", "c"));
        CHECK_FALSE(config::parse(R"([1, 2])", "c"));
        CHECK_FALSE(config::parse(R"({"database": "x" /* open)", "c"));
        const auto broken = config::parse("{\n\"database\": \n}", "c");
        REQUIRE_FALSE(broken);
        CHECK(broken.error().message.find("c:3:") == 0);
    }
}

TEST_CASE("config: --db moves the database and the default inbox, not an explicit inbox") {
    auto config = config::defaults();
    config::apply_database_override(config, "/tmp/x/orders.db");
    CHECK(config.database == "/tmp/x/orders.db");
    CHECK(config.inbox_path() == "/tmp/x/inbox");
    config.inbox = "/srv/drop";
    config::apply_database_override(config, "/tmp/y/orders.db");
    CHECK(config.inbox_path() == "/srv/drop");
}

TEST_CASE("config: show prints every key and parses back to the same values") {
    auto config = config::defaults();
    config.poll_interval = 90s;
    config.log.file = "/var/log/v.log";
    const auto shown = config::show(config);
    CHECK(shown.find("\"poll_interval\": \"1m30s\"") != std::string::npos);
    const auto again = config::parse(shown, "shown");
    REQUIRE(again);
    CHECK(again->poll_interval == 90s);
    CHECK(again->log.file == "/var/log/v.log");
    CHECK(again->lead_times.warn == config.lead_times.warn);
    REQUIRE(again->marketplaces.size() == 1);
    CHECK(again->marketplaces[0].integrated_carriers == config.marketplaces[0].integrated_carriers);
    CHECK(again->marketplaces[0].scan_lanes.at(0).from
          == config.marketplaces[0].scan_lanes.at(0).from);
    CHECK(again->marketplaces[0].threshold == doctest::Approx(95.0));
}

TEST_CASE("config: marketplaces are read per name and checked") {
    const auto read = config::parse(
        R"({"marketplaces": {"amazon.co.uk": {"threshold": 90, "warning": 92, "no_scan_after": "5d"},
             "default": {}}})",
        "t");
    REQUIRE(read);
    CHECK(config::policy_for(read->marketplaces, "AMAZON.CO.UK").threshold
          == doctest::Approx(90.0));
    CHECK(config::policy_for(read->marketplaces, "amazon.com").threshold == doctest::Approx(95.0));
    CHECK(config::policy_for(read->marketplaces, "amazon.co.uk").no_scan_after == 120h);
    const auto bad = config::parse(R"({"marketplaces": {"x": {"threshold": 98}}})", "t");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "t: marketplaces: x: threshold 98 must not exceed warning 97");
    const auto unknown = config::parse(R"({"marketplaces": {"x": {"treshold": 98}}})", "t");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("x.treshold: unknown key") != std::string::npos);
}

TEST_CASE("config: load_file reports the file") {
    const test::TempDir dir;
    CHECK(config::load_file(dir.write("ok.json", "{}")));
    const auto missing = config::load_file(dir / "missing.json");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("missing.json") != std::string::npos);
}

TEST_CASE("json comments: line breaks are kept and strings are left alone") {
    const auto stripped =
        config::strip_json_comments("{ // a\n\"u\": \"http://x/*y*/\" /* b\nc */ }");
    REQUIRE(stripped);
    CHECK(stripped->find("http://x/*y*/") != std::string::npos);
    CHECK(stripped->find("// a") == std::string::npos);
    CHECK(std::count(stripped->begin(), stripped->end(), '\n') == 2);
}

TEST_CASE("config: the carriers section, lookups and no_scan_after") {
    const auto parsed = config::parse(R"({
  "no_scan_after": "12h",
  "lookups": {"retry_min": "5m", "retry_max": "2h", "stop_after": "7d"},
  "carriers": {"ups": {"client_id": "abc", "client_secret_env": "UPS_SECRET", "burst": 2}}
})",
                                      "c.json");
    REQUIRE(parsed);
    CHECK(parsed->no_scan_after == 12h);
    CHECK(parsed->lookups.retry_min == 5min);
    CHECK(parsed->lookups.retry_max == 2h);
    CHECK(parsed->lookups.stop_after == 7 * 24h);
    const auto* ups = parsed->carriers.find("ups");
    REQUIRE(ups != nullptr);
    CHECK(ups->client_id == "abc");
    CHECK(ups->secret.env == "UPS_SECRET");
    CHECK(ups->burst == 2);
    CHECK(config::defaults().no_scan_after == 24h);
    CHECK(config::defaults().carriers.find("fedex") != nullptr);
}

TEST_CASE("config: carrier errors name the full key once") {
    const auto parsed = config::parse(R"({"carriers": {"ups": {"burst": 0}}})", "c.json");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find("c.json: carriers.ups.burst: ") == 0);
    const auto unknown = config::parse(R"({"carriers": {"upss": {}}})", "c.json");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("c.json: carriers.upss: unknown key") == 0);
    const auto order = config::parse(R"({"lookups": {"retry_min": "7h"}})", "c.json");
    REQUIRE_FALSE(order);
    CHECK(order.error().message.find("lookups.retry_min") != std::string::npos);
}

TEST_CASE("config: show prints the carriers without secrets and parses back") {
    setenv("VTRGUARD_TEST_SHOW_SECRET", "s3cr3t-value-91", 1); // NOLINT
    const auto parsed = config::parse(
        R"({"carriers": {"ups": {"client_id": "abc", "client_secret_env": "VTRGUARD_TEST_SHOW_SECRET"}}})",
        "c.json");
    REQUIRE(parsed);
    const auto shown = config::show(*parsed);
    CHECK(shown.find("s3cr3t-value-91") == std::string::npos);
    CHECK(shown.find("\"client_secret_env\": \"VTRGUARD_TEST_SHOW_SECRET\"") != std::string::npos);
    CHECK(shown.find("\"no_scan_after\": \"1d\"") != std::string::npos);
    const auto again = config::parse(shown, "shown");
    REQUIRE(again);
    CHECK(again->carriers.find("ups")->client_id == "abc");
    CHECK(again->carriers.find("fedex")->batch_size == 30);
}

TEST_CASE("config: rules_dir adds its carriers; a bad rule file is named") {
    const test::TempDir dir;
    const auto folder = (dir / "carriers.d").string();
    dir.write("carriers.d/10-line.json",
              R"({"carriers": [{"code": "westlake_express", "name": "Westlake Express",
                  "formats": [{"id": "westlake_wl", "service": "Westlake", "pattern": "WL d{11}"}]}]})");
    const std::string with_folder = R"({"rules_dir": ")" + folder + R"("})";

    const auto none = config::parse("{}", "c.json");
    REQUIRE(none);
    CHECK_FALSE(none->rules_dir);
    CHECK(&none->ruleset() == &carriers::Ruleset::builtin());
    CHECK_FALSE(carriers::Validator(none->ruleset()).validate("WL12345678901").is_valid());

    const auto added = config::parse(with_folder, "c.json");
    REQUIRE(added);
    CHECK(added->rules_dir == folder);
    CHECK(added->ruleset().find_carrier("Westlake Express").has_value());
    CHECK(carriers::Validator(added->ruleset()).validate("WL12345678901").is_valid());
    const auto shown = config::parse(config::show(*added), "shown");
    REQUIRE(shown);
    CHECK(shown->rules_dir == folder);
    CHECK(config::show(*none).find("\"rules_dir\": null") != std::string::npos);

    const auto bad_file = dir.write(
        "carriers.d/20-bad.json",
        R"({"carriers": [{"code": "w", "name": "W", "formats": [{"id": "w", "pattern": "W d{9"}]}]})");
    const auto bad = config::parse(with_folder, "c.json");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::usage); // exit 2, as for --rules
    CHECK(bad.error().message.find("c.json: rules_dir: ") == 0);
    CHECK(bad.error().message.find(bad_file.string()) != std::string::npos);

    const auto missing = config::parse(R"({"rules_dir": "/nonexistent/carriers.d"})", "c.json");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("c.json: rules_dir: /nonexistent/carriers.d: ") == 0);
    CHECK_FALSE(config::parse(R"({"rules_dir": ""})", "c.json"));
}
