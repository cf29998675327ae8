// Configuration and rule files that are hostile or absurd: each is refused with the file, the
// key and the reason named, never a crash or a silent acceptance.

#include "support/temp_dir.hpp"

#include <vtrguard/carriers/rule_file.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/config/rules_dir.hpp>
#include <vtrguard/config/show.hpp>

#include <doctest/doctest.h>

#include <array>
#include <string>

using namespace vtrguard;

namespace {

std::string nested_arrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

std::string refusal(const std::string& text) {
    auto parsed = config::parse(text, "c.json");
    REQUIRE_FALSE(parsed);
    return parsed.error().message;
}

} // namespace

TEST_CASE("config hostile: 200,000 nested arrays are an error, not a crash") {
    CHECK(refusal(nested_arrays(200'000)) == "c.json: the top level must be an object");
    const auto deep_value = refusal(R"({"marketplaces":)" + nested_arrays(200'000) + "}");
    CHECK(deep_value.starts_with("c.json: marketplaces"));
    CHECK(deep_value.find("nested deeper than 32 levels") != std::string::npos);
}

TEST_CASE("config hostile: a folder given as the file says it is a folder") {
    const test::TempDir dir;
    const auto loaded = config::load_file(dir.path());
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().message
          == dir.path().string() + ": is a folder, not a configuration file");
}

TEST_CASE("config hostile: duplicate keys are errors naming the key") {
    CHECK(refusal(R"({"poll_interval":"1m","poll_interval":"2m"})")
          == "c.json: the top level: the key \"poll_interval\" appears twice (a JSON object keeps "
             "one value per key)");
    CHECK(refusal(R"({"carriers":{"ups":{"burst":2,"burst":3}}})")
              .starts_with("c.json: carriers.ups: the key \"burst\" appears twice"));
}

TEST_CASE("config hostile: absurd numbers are refused with the key named") {
    const std::array<std::pair<const char*, const char*>, 8> cases{{
        {R"({"carriers":{"ups":{"burst":1e308}}})", "c.json: carriers.ups.burst: must be a number"},
        {R"({"carriers":{"ups":{"requests_per_second":1e300}}})",
         "c.json: carriers.ups.requests_per_second: must be a number"},
        {R"({"carriers":{"ups":{"timeout_ms":18446744073709551615}}})",
         "c.json: carriers.ups.timeout_ms: must be a whole number from 1 to 86400000"},
        {R"({"carriers":{"ups":{"backoff_max_ms":9223372036854775808}}})",
         "c.json: carriers.ups.backoff_max_ms: must be a whole number"},
        {R"({"carriers":{"ups":{"token_refresh_margin_s":100000}}})",
         "c.json: carriers.ups.token_refresh_margin_s: must be a whole number from 0 to 86400"},
        {R"({"carriers":{"connect_timeout_ms":1e20}})", "c.json: carriers.connect_timeout_ms:"},
        {R"({"carriers":{"max_body_bytes":18446744073709551615}})",
         "c.json: carriers.max_body_bytes: must be a whole number from 1024"},
        {R"({"marketplaces":{"amazon_us":{"exempt_below_value":1e308}}})",
         "exempt_below_value: must be an amount from 0 to 1000000000"},
    }};
    for (const auto& [text, expected] : cases) {
        CAPTURE(text);
        const auto message = refusal(text);
        CHECK(message.find(expected) != std::string::npos);
    }
    // Beyond a double's range is a JSON error with its line, not a silent infinity.
    CHECK(refusal(R"({"carriers":{"ups":{"burst":1e309}}})").starts_with("c.json:1: invalid JSON"));
    // The ordinary values still load.
    CHECK(config::parse(R"({"carriers":{"ups":{"burst":20,"timeout_ms":86400000}}})", "c.json"));
}

TEST_CASE("config hostile: config show masks a password and secret parameters in base_url") {
    auto parsed = config::parse(
        R"({"carriers":{"ups":{"base_url":"https://seller:hunter2@proxy.example/ups?token=t0k&x=1"}}})",
        "c.json");
    REQUIRE(parsed);
    const auto shown = config::show(*parsed);
    CHECK(shown.find("hunter2") == std::string::npos);
    CHECK(shown.find("t0k") == std::string::npos);
    CHECK(shown.find("https://seller:********@proxy.example/ups?token=********&x=1")
          != std::string::npos);
}

TEST_CASE("rule file hostile: deep nesting and duplicate keys name the file") {
    std::vector<carriers::CarrierSpec> specs = carriers::builtin_carrier_specs();
    const auto deep = carriers::apply_rule_file(
        {"deep.json", R"({"carriers":)" + nested_arrays(200'000) + "}"}, specs);
    REQUIRE_FALSE(deep);
    CHECK(deep.error().message.starts_with("deep.json: carriers"));
    CHECK(deep.error().message.find("nested deeper") != std::string::npos);
    const auto top = carriers::apply_rule_file({"top.json", nested_arrays(200'000)}, specs);
    REQUIRE_FALSE(top);
    CHECK(top.error().message == "top.json: must be a JSON object");
    const auto twice = carriers::apply_rule_file(
        {"dup.json", R"({"carriers":[{"code":"zz","name":"Z","code":"yy","formats":[]}]})"}, specs);
    REQUIRE_FALSE(twice);
    CHECK(
        twice.error().message.starts_with("dup.json: carriers[0]: the key \"code\" appears twice"));
}

TEST_CASE("rule file hostile: a folder named like a rule file is named") {
    const test::TempDir dir;
    std::filesystem::create_directory(dir / "odd.json");
    const auto rules = config::load_rules_dir(dir.path());
    REQUIRE_FALSE(rules);
    CHECK(rules.error().message == (dir / "odd.json").string() + ": is a folder, not a rule file");
}
