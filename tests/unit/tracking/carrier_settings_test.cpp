#include <vtrguard/tracking/carrier_settings.hpp>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

using namespace vtrguard;

namespace {

Result<tracking::TrackingSettings> parse(const char* json) {
    rapidjson::Document document;
    document.Parse(json);
    REQUIRE_FALSE(document.HasParseError());
    return tracking::parse_carrier_settings(document);
}

} // namespace

TEST_CASE("carrier settings: defaults follow the published limits") {
    const auto settings = tracking::default_tracking_settings();
    const auto* usps = settings.find("usps");
    REQUIRE(usps != nullptr);
    CHECK(usps->requests_per_second * 3600 == doctest::Approx(60));
    CHECK(settings.find("dhl")->daily_quota == 250);
    CHECK(settings.find("fedex")->batch_size == 30);
    CHECK(settings.find("17track")->batch_size == 40);
    CHECK_FALSE(settings.find("ups")->secret.is_configured());
}

TEST_CASE("carrier settings: reads keys over the defaults") {
    const auto settings = parse(R"({"ca_file": "/etc/ca.pem", "ups": {
        "base_url": "https://wwwcie.ups.com", "client_id": "abc",
        "client_secret_env": "UPS_CLIENT_SECRET", "requests_per_second": 2, "timeout_ms": 5000}})");
    REQUIRE(settings);
    CHECK(settings->ca_file == "/etc/ca.pem");
    const auto* ups = settings->find("ups");
    CHECK(ups->base_url == "https://wwwcie.ups.com");
    CHECK(ups->secret.env == "UPS_CLIENT_SECRET");
    CHECK(ups->requests_per_second == doctest::Approx(2));
    CHECK(ups->timeout == std::chrono::milliseconds{5000});
    CHECK(settings->find("fedex")->base_url == "https://apis.fedex.com");
}

TEST_CASE("carrier settings: errors say key: why") {
    auto unknown = parse(R"({"ups": {"colour": "brown"}})");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message == "carriers.ups.colour: unknown key");
    auto batch = parse(R"({"fedex": {"batch_size": 31}})");
    REQUIRE_FALSE(batch);
    CHECK(batch.error().message == "carriers.fedex.batch_size: fedex allows at most 30");
    auto slash = parse(R"({"dhl": {"base_url": "https://x/"}})");
    REQUIRE_FALSE(slash);
    CHECK(slash.error().message.starts_with("carriers.dhl.base_url:"));
    CHECK_FALSE(parse(R"({"nope": {}})"));
    CHECK_FALSE(parse(R"({"ups": {"requests_per_second": "fast"}})"));
}
