#include <vtrguard/carriers/rule_file.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace vtrguard::carriers;

namespace {

std::string example_file() {
    std::ifstream in(std::string(VTRGUARD_SOURCE_DIR)
                     + "/config/carriers.d/example-regional-line.json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A file with one new carrier whose single format is `format` (a JSON object).
std::string with_format(const std::string& format) {
    return R"({"carriers": [{"code": "westlake", "name": "Westlake", "formats": [)" + format
           + "]}]}";
}

std::string error_of(const std::string& text) {
    auto carriers = builtin_carrier_specs();
    const auto applied = apply_rule_file({"rules.json", text}, carriers);
    REQUIRE_FALSE(applied.has_value());
    return applied.error().message;
}

} // namespace

TEST_CASE("rule file: the documented example adds a line and extends YunExpress") {
    const std::vector<RuleFile> files{{"example-regional-line.json", example_file()}};
    const auto rules = build_with_rule_files(files);
    REQUIRE(rules.has_value());
    const Validator validator(*rules);
    const auto westlake = rules->find_carrier("Westlake");
    REQUIRE(westlake.has_value());
    CHECK(rules->carrier(*westlake).code == "westlake_express");
    const auto verdict = validator.validate("WL12345678905", westlake);
    CHECK(verdict.is_valid());
    CHECK(verdict.readings[0].is_check_verified);
    CHECK(validator.validate("WL12345678906", westlake).reason == Reason::bad_check_digit);
    // The extension: a new alias and a format, ranked below Yanwen's reading of the same shape.
    const auto yun = rules->find_carrier("YunTu");
    REQUIRE(yun.has_value());
    CHECK(rules->carrier(*yun).code == "yunexpress");
    CHECK(validator.validate("UG336196744YP", yun).is_valid());
    const auto undeclared = validator.validate("UG336196744YP");
    CHECK(rules->carrier(rules->format(undeclared.readings[0].format).carrier).code == "yanwen");
    // The built-in rules are untouched.
    CHECK_FALSE(Ruleset::builtin().find_carrier("Westlake").has_value());
}

TEST_CASE("rule file: each kind of bad file is refused with file, key and why") {
    SUBCASE("not JSON") {
        const auto error = error_of("{\"carriers\": [");
        CHECK(error.find("rules.json: not valid JSON") == 0);
    }
    SUBCASE("no carriers") {
        CHECK(error_of("{}").find("rules.json: carriers: required") == 0);
    }
    SUBCASE("an unknown key") {
        const auto error = error_of(R"({"carriers": [{"code": "westlake", "nmae": "W"}]})");
        CHECK(error == "rules.json: carriers[0].nmae: unknown key");
    }
    SUBCASE("a missing required key") {
        const auto error = error_of(with_format(R"({"service": "W", "pattern": "WL d{11}"})"));
        CHECK(error == "rules.json: carriers[0].formats[0].id: required");
    }
    SUBCASE("a value of the wrong type") {
        const auto error = error_of(with_format(
            R"({"id": "wl", "service": "W", "pattern": "WL d{11}", "priority": "high"})"));
        CHECK(error == "rules.json: carriers[0].formats[0].priority: must be an integer");
    }
    SUBCASE("integers too large for check-digit arithmetic") {
        CHECK(error_of(with_format(
                  R"({"id": "wl", "service": "W", "pattern": "WL d{11}", "priority": 2147483647})"))
              == "rules.json: carriers[0].formats[0].priority: must be an integer from -1000 to "
                 "1000");
        CHECK(error_of(with_format(R"({"id": "wl", "service": "W", "pattern": "WL d{11}",
                 "check": {"algorithm": "weighted_mod", "weights": [3, 2147483647]}})"))
              == "rules.json: carriers[0].formats[0].check.weights: must be an integer from "
                 "-1000 to 1000");
        CHECK(error_of(with_format(R"({"id": "wl", "service": "W", "pattern": "WL d{11}",
                 "check": {"algorithm": "mod10", "check_at": -2147483648}})"))
              == "rules.json: carriers[0].formats[0].check.check_at: must be an integer from "
                 "-1000 to 1000");
    }
    SUBCASE("an unknown check-digit algorithm") {
        const auto error = error_of(with_format(
            R"({"id": "wl", "service": "W", "pattern": "WL d{11}", "check": {"algorithm": "mod12"}})"));
        CHECK(error.find("rules.json: carriers[0].formats[0].check.algorithm: unknown algorithm "
                         "\"mod12\"")
              == 0);
    }
    SUBCASE("a bad pattern") {
        const auto error =
            error_of(with_format(R"({"id": "wl", "service": "W", "pattern": "WL d{"})"));
        CHECK(error.find("rules.json: carriers[0].formats[0].pattern: ") == 0);
    }
    SUBCASE("a new carrier without a name or formats") {
        CHECK(error_of(R"({"carriers": [{"code": "westlake", "formats": []}]})")
              == "rules.json: carriers[0].name: required for a new carrier \"westlake\"");
        CHECK(error_of(R"({"carriers": [{"code": "westlake", "name": "W"}]})")
              == "rules.json: carriers[0].formats: a new carrier needs at least one format");
    }
    SUBCASE("a check position outside the pattern, found when compiled") {
        const std::vector<RuleFile> files{
            {"rules.json", with_format(R"({"id": "wl", "service": "W", "pattern": "WL d{4}",
                             "check": {"algorithm": "mod10", "check_at": 20}})")}};
        const auto rules = build_with_rule_files(files);
        REQUIRE_FALSE(rules.has_value());
        CHECK(rules.error().message.find("rules.json: carrier \"westlake\" format \"wl\"") == 0);
    }
    SUBCASE("a refused file leaves the carriers as they were") {
        auto carriers = builtin_carrier_specs();
        const auto count = carriers.size();
        const auto text = R"({"carriers": [{"code": "w1", "name": "W1", "formats": [
                               {"id": "w1", "service": "W1", "pattern": "W1 d{8}"}]},
                              {"code": "w2", "nmae": "W2"}]})";
        CHECK_FALSE(apply_rule_file({"rules.json", text}, carriers).has_value());
        CHECK(carriers.size() == count);
    }
}

TEST_CASE("rule file: conflicts with built-in carriers") {
    SUBCASE("a format id a built-in carrier uses names both") {
        const auto error =
            error_of(with_format(R"({"id": "ups_1z", "service": "W", "pattern": "WL d{11}"})"));
        CHECK(error
              == "rules.json: carriers[0].formats[0].id: format \"ups_1z\" is already a format of "
                 "carrier \"ups\" (UPS); choose another id");
    }
    SUBCASE("a file may extend a built-in carrier but not rename it or move its URL") {
        CHECK(error_of(R"({"carriers": [{"code": "ups", "name": "Brown"}]})")
                  .find("rules.json: carriers[0].name: carrier \"ups\" exists as \"UPS\"")
              == 0);
        CHECK(error_of(R"({"carriers": [{"code": "ups", "tracking_url": "https://x/%s"}]})")
                  .find("rules.json: carriers[0].tracking_url: ")
              == 0);
    }
    SUBCASE("two files declaring the same format id: the second is named") {
        const auto file = with_format(R"({"id": "wl", "service": "W", "pattern": "WL d{11}"})");
        const std::vector<RuleFile> files{{"a.json", file}, {"b.json", file}};
        const auto rules = build_with_rule_files(files);
        REQUIRE_FALSE(rules.has_value());
        CHECK(rules.error().message.find("b.json: carriers[0].formats[0].id") == 0);
    }
}
