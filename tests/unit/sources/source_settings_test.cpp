#include <vtrguard/config/config.hpp>
#include <vtrguard/config/show.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view k_minimal = R"({"sources": [{
  "name": "main", "marketplace_ids": ["ATVPDKIKX0DER"], "client_id": "amzn1.application-oa2-client.x",
  "client_secret_env": "LWA_SECRET", "refresh_token_file": "/etc/vtrguard/refresh"}]})";

std::string with(std::string_view extra) {
    std::string text(k_minimal);
    text.insert(text.find("\"name\""), std::string(extra) + ", ");
    return text;
}

} // namespace

TEST_CASE("sources: a minimal account gets the documented defaults") {
    const auto parsed = config::parse(k_minimal, "test.json");
    REQUIRE(parsed);
    REQUIRE(parsed->sources.size() == 1);
    const auto& source = parsed->sources.front();
    CHECK(source.name == "main");
    CHECK(source.region == "na");
    CHECK(source.base_url == "https://sellingpartnerapi-na.amazon.com");
    CHECK(source.token_url == "https://api.amazon.com/auth/o2/token");
    CHECK(source.poll_interval == 3min);
    CHECK(source.backfill_days == 45);
    CHECK(source.requests_per_second == doctest::Approx(0.0056));
    CHECK(source.burst == doctest::Approx(20));
    CHECK(source.client_secret.env == "LWA_SECRET");
    CHECK(source.refresh_token.file == "/etc/vtrguard/refresh");
    CHECK(config::defaults().sources.empty());
}

TEST_CASE("sources: region picks the host; base_url overrides it") {
    auto eu = config::parse(with(R"("region": "eu")"), "test.json");
    REQUIRE(eu);
    CHECK(eu->sources[0].base_url == "https://sellingpartnerapi-eu.amazon.com");
    auto fe = config::parse(with(R"("region": "fe", "base_url": "http://127.0.0.1:9")"), "t");
    REQUIRE(fe);
    CHECK(fe->sources[0].base_url == "http://127.0.0.1:9");
    auto timed = config::parse(
        with(R"("poll_interval": "10m", "backfill_days": 60, "requests_per_second": 0)"), "t");
    REQUIRE(timed);
    CHECK(timed->sources[0].poll_interval == 10min);
    CHECK(timed->sources[0].backfill_days == 60);
    CHECK(timed->sources[0].requests_per_second == 0);
}

TEST_CASE("sources: bad entries are errors naming the entry and the key") {
    const auto error_of = [](const std::string& text) {
        auto parsed = config::parse(text, "test.json");
        REQUIRE_FALSE(parsed);
        return parsed.error().message;
    };
    CHECK(error_of(with(R"("region": "us")")).find("sources[0] (main).region: must be one of")
          != std::string::npos);
    CHECK(error_of(with(R"("client_secret": "inline")"))
              .find("sources[0] (main).client_secret: unknown key")
          != std::string::npos);
    CHECK(error_of(with(R"("burst": 0)")).find("burst: must be a number of at least 1")
          != std::string::npos);
    CHECK(error_of(with(R"("base_url": "http://x/")")).find("base_url:") != std::string::npos);
    CHECK(error_of(R"({"sources": [{"name": "a", "marketplace_ids": ["X"], "client_id": "c",
        "client_secret_env": "S"}]})")
              .find("refresh_token_env: is required")
          != std::string::npos);
    CHECK(error_of(R"({"sources": {"name": "a"}})").find("sources: must be an array")
          != std::string::npos);
    std::string twice(k_minimal);
    const auto start = twice.find('{', 1);
    const auto entry = twice.substr(start, twice.rfind(']') - start);
    twice.insert(twice.rfind(']'), ", " + entry);
    CHECK(error_of(twice).find("sources[1].name: main is already used") != std::string::npos);
}

TEST_CASE("sources: config show names where secrets come from, never a secret") {
    const auto parsed = config::parse(k_minimal, "test.json");
    REQUIRE(parsed);
    const auto shown = config::show(*parsed);
    CHECK(shown.find("\"client_secret_env\": \"LWA_SECRET\"") != std::string::npos);
    CHECK(shown.find("\"refresh_token_file\": \"/etc/vtrguard/refresh\"") != std::string::npos);
    CHECK(shown.find("\"poll_interval\": \"3m\"") != std::string::npos);
}
