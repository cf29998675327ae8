#include "fakes/fake_carrier_server.hpp"

#include <vtrguard/http/curl_client.hpp>

#include <doctest/doctest.h>

#include <optional>

using namespace vtrguard;
using fakes::FakeCarrierServer;
using fakes::Fault;

namespace {

// One request through a fresh client; the loop runs until the answer arrives.
http::Response fetch_once(http::Request request, http::CurlOptions options = {}) {
    boost::asio::io_context io;
    http::CurlClient client(io.get_executor(), std::move(options));
    std::optional<http::Response> answer;
    client.fetch(std::move(request),
                 [&](http::Response response) { answer = std::move(response); });
    io.run();
    REQUIRE(answer.has_value());
    return std::move(*answer);
}

http::Request dhl_request(const FakeCarrierServer& server, const std::string& number) {
    http::Request request;
    request.url = server.url() + "/track/shipments?trackingNumber=" + number + "&service=express";
    request.headers = {{"DHL-API-Key", std::string(fakes::k_fake_secret)}};
    return request;
}

} // namespace

TEST_CASE("curl client: answers with status, headers and body on the loop") {
    FakeCarrierServer server;
    server.set_shipment("1360910832", fakes::Shipment::delivered);
    const auto response = fetch_once(dhl_request(server, "1360910832"));
    REQUIRE(response.has_value());
    CHECK(response->status == 200);
    CHECK(response->header("content-type") == "application/json");
    CHECK(response->body.find("\"delivered\"") != std::string::npos);
}

TEST_CASE("curl client: 404 is a reply, 429 and 500 are failures") {
    FakeCarrierServer server;
    SUBCASE("404") {
        const auto response = fetch_once(dhl_request(server, "5541177891"));
        REQUIRE(response.has_value());
        CHECK(response->status == 404);
    }
    SUBCASE("429 with Retry-After") {
        server.set_retry_after(std::chrono::seconds{7});
        server.push_fault("dhl", Fault::retry_after);
        const auto response = fetch_once(dhl_request(server, "5541177891"));
        REQUIRE_FALSE(response.has_value());
        CHECK(response.error().kind == http::Failure::Kind::rate_limited);
        CHECK(response.error().retry_after == std::chrono::seconds{7});
    }
    SUBCASE("429 without Retry-After") {
        server.push_fault("dhl", Fault::rate_limited);
        const auto response = fetch_once(dhl_request(server, "5541177891"));
        REQUIRE_FALSE(response.has_value());
        CHECK(response.error().kind == http::Failure::Kind::rate_limited);
        CHECK(response.error().retry_after == std::chrono::seconds{0});
    }
    SUBCASE("500") {
        server.push_fault("dhl", Fault::server_error);
        const auto response = fetch_once(dhl_request(server, "5541177891"));
        REQUIRE_FALSE(response.has_value());
        CHECK(response.error().kind == http::Failure::Kind::server_error);
        CHECK(response.error().status == 500);
    }
}

TEST_CASE("curl client: a body past the limit is too_large, a truncated one bad_response") {
    FakeCarrierServer server;
    SUBCASE("several megabytes") {
        server.set_huge_bytes(std::size_t{5} << 20);
        server.push_fault("dhl", Fault::huge);
        http::CurlOptions options;
        options.max_body_bytes = std::size_t{1} << 20;
        const auto response = fetch_once(dhl_request(server, "5541177891"), options);
        REQUIRE_FALSE(response.has_value());
        CHECK(response.error().kind == http::Failure::Kind::too_large);
    }
    SUBCASE("truncated") {
        server.push_fault("dhl", Fault::truncated);
        const auto response = fetch_once(dhl_request(server, "5541177891"));
        REQUIRE_FALSE(response.has_value());
        CHECK(response.error().kind == http::Failure::Kind::bad_response);
    }
}

TEST_CASE("curl client: a slow answer times out") {
    FakeCarrierServer server;
    server.set_slow_delay(std::chrono::milliseconds{2000});
    server.push_fault("dhl", Fault::slow);
    auto request = dhl_request(server, "5541177891");
    request.timeout = std::chrono::milliseconds{300};
    const auto started = std::chrono::steady_clock::now();
    const auto response = fetch_once(request);
    REQUIRE_FALSE(response.has_value());
    CHECK(response.error().kind == http::Failure::Kind::timeout);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds{1500});
}

TEST_CASE("curl client: a refused connection is a network failure") {
    std::string url;
    {
        FakeCarrierServer server; // take a free port, then close it
        url = server.url();
    }
    http::Request request;
    request.url = url + "/track/shipments";
    const auto response = fetch_once(request);
    REQUIRE_FALSE(response.has_value());
    CHECK(response.error().kind == http::Failure::Kind::network);
}

TEST_CASE("curl client: shutdown cancels pending requests and joins") {
    FakeCarrierServer server;
    server.set_slow_delay(std::chrono::milliseconds{5000});
    server.push_fault("dhl", Fault::slow, 3);
    boost::asio::io_context io;
    std::vector<http::Response> answers;
    {
        http::CurlClient client(io.get_executor(), {});
        for (int i = 0; i < 3; ++i) {
            client.fetch(dhl_request(server, "5541177891"),
                         [&](http::Response response) { answers.push_back(std::move(response)); });
        }
        io.run_for(std::chrono::milliseconds{200}); // requests are on the wire now
        client.shutdown();
        client.fetch(dhl_request(server, "5541177891"),
                     [&](http::Response response) { answers.push_back(std::move(response)); });
    }
    io.restart();
    io.run();
    REQUIRE(answers.size() == 4);
    for (const auto& answer : answers) {
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().kind == http::Failure::Kind::cancelled);
    }
}

TEST_CASE("curl client: many requests share one worker and reuse connections") {
    FakeCarrierServer server;
    server.set_default_shipment(fakes::Shipment::found_with_scans);
    boost::asio::io_context io;
    http::CurlClient client(io.get_executor(), {});
    int ok = 0;
    for (int i = 0; i < 200; ++i) {
        client.fetch(dhl_request(server, "1360910832"), [&](http::Response response) {
            ok += response.has_value() && response->status == 200 ? 1 : 0;
        });
    }
    io.run();
    CHECK(ok == 200);
    CHECK(server.requests("dhl") == 200);
}
