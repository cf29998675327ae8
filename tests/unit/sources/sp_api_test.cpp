#include <vtrguard/core/time.hpp>
#include <vtrguard/sources/sp_api.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

sources::SourceSettings settings() {
    sources::SourceSettings source;
    source.name = "main";
    source.base_url = "https://sp.example";
    source.client_id = "amzn1.client";
    source.marketplace_ids = {"ATVPDKIKX0DER"};
    return source;
}

core::TimePoint at(std::string_view text) {
    return *core::parse_instant(text);
}

constexpr std::string_view k_page = R"({"orders": [
 {"orderId": "113-0000001-0000001", "createdTime": "2026-11-20T10:00:00Z",
  "lastUpdatedTime": "2026-11-21T09:30:00.000Z",
  "salesChannel": {"channelName": "Amazon.com", "marketplaceId": "ATVPDKIKX0DER"},
  "fulfillment": {"fulfillmentStatus": "SHIPPED", "fulfilledBy": "MERCHANT",
    "fulfillmentServiceLevel": "Standard",
    "shipByWindow": {"earliestDateTime": "2026-11-20T10:00:00Z", "latestDateTime": "2026-11-22T07:59:59Z"},
    "deliverByWindow": {"latestDateTime": "2026-11-28T07:59:59Z"}},
  "orderItems": [], "packages": [
    {"packageReferenceId": "1", "carrier": "UPS", "trackingNumber": "1Z5R89390357567127",
     "shipTime": "2026-11-21T09:00:00Z",
     "packageStatus": {"status": "IN_TRANSIT", "detailedStatus": "PICKED_UP"}}]},
 {"createdTime": "2026-11-20T10:00:00Z", "lastUpdatedTime": "2026-11-21T09:30:00Z"},
 {"orderId": "113-0000003-0000003", "createdTime": "yesterday", "lastUpdatedTime": "2026-11-21T09:30:00Z"}
], "pagination": {"nextToken": "page-2"}, "lastUpdatedBefore": "2026-11-21T10:00:00Z"})";

} // namespace

TEST_CASE("sp-api: the LWA request carries the refresh-token grant, form-encoded") {
    const auto request =
        sources::token_request(settings(), core::Secret("s3cr+t"), core::Secret("Atzr|abc"));
    CHECK(request.method == "POST");
    CHECK(request.url == "https://api.amazon.com/auth/o2/token");
    CHECK(request.body
          == "grant_type=refresh_token&refresh_token=Atzr%7Cabc&client_id=amzn1.client"
             "&client_secret=s3cr%2Bt");
}

TEST_CASE("sp-api: LWA answers - a token, a refusal, garbage") {
    auto granted = sources::parse_token_reply(
        {200, {}, R"({"access_token":"Atza|x","token_type":"bearer","expires_in":3600})"});
    REQUIRE(granted.token);
    CHECK(granted.token->reveal() == "Atza|x");
    CHECK(granted.expires_in == 3600s);

    auto refused = sources::parse_token_reply(
        {400,
         {},
         R"({"error":"invalid_grant","error_description":"The refresh token is invalid"})"});
    CHECK_FALSE(refused.token);
    CHECK(refused.refusal == "invalid_grant");
    CHECK(refused.error.find("invalid_grant") != std::string::npos);

    auto client = sources::parse_token_reply({401, {}, R"({"error":"invalid_client"})"});
    CHECK(client.refusal == "invalid_client");

    auto broken = sources::parse_token_reply({200, {}, R"({"access_token":"x")"});
    CHECK_FALSE(broken.token);
    CHECK(broken.refusal.empty());
    CHECK_FALSE(broken.error.empty());
    auto busy = sources::parse_token_reply({503, {}, "<html>"});
    CHECK(busy.refusal.empty());
    CHECK(busy.error.find("503") != std::string::npos);
}

TEST_CASE("sp-api: searchOrders asks for merchant orders, FULFILLMENT and PACKAGES only") {
    sources::SearchQuery query;
    query.marketplace_id = "ATVPDKIKX0DER";
    query.last_updated_after = at("2026-11-21T10:00:00Z");
    const auto request = sources::search_request(settings(), query, core::Secret("Atza|tok"));
    CHECK(request.url
          == "https://sp.example/orders/2026-01-01/orders?marketplaceIds=ATVPDKIKX0DER"
             "&lastUpdatedAfter=2026-11-21T10%3A00%3A00Z&fulfilledBy=MERCHANT"
             "&includedData=FULFILLMENT%2CPACKAGES&maxResultsPerPage=100");
    CHECK(request.url.find("BUYER") == std::string::npos);
    CHECK(request.url.find("RECIPIENT") == std::string::npos);
    REQUIRE(request.headers.size() == 2);
    CHECK(request.headers[1].first == "x-amz-access-token");
    CHECK(request.headers[1].second == "Atza|tok");

    query.last_updated_after.reset();
    query.created_after = at("2026-10-01T00:00:00Z");
    query.pagination_token = "a b";
    const auto next = sources::search_request(settings(), query, core::Secret("t"));
    CHECK(next.url.find("createdAfter=2026-10-01") != std::string::npos);
    CHECK(next.url.find("lastUpdatedAfter") == std::string::npos);
    CHECK(next.url.find("&paginationToken=a%20b") != std::string::npos);
}

TEST_CASE("sp-api: a page's orders, packages and cursor; unreadable orders named and skipped") {
    const auto page = sources::parse_search_page(k_page);
    REQUIRE(page);
    REQUIRE(page->orders.size() == 1);
    const auto& order = page->orders.front();
    CHECK(order.order_id == "113-0000001-0000001");
    CHECK(order.marketplace_id == "ATVPDKIKX0DER");
    CHECK(order.created == at("2026-11-20T10:00:00Z"));
    CHECK(order.last_updated == at("2026-11-21T09:30:00Z"));
    CHECK(order.ship_by == at("2026-11-22T07:59:59Z"));
    CHECK(order.deliver_by == at("2026-11-28T07:59:59Z"));
    CHECK(order.fulfillment_status == "SHIPPED");
    CHECK(order.service_level == "Standard");
    REQUIRE(order.packages.size() == 1);
    CHECK(order.packages[0].carrier == "UPS");
    CHECK(order.packages[0].tracking_number == "1Z5R89390357567127");
    CHECK(order.packages[0].ship_time == at("2026-11-21T09:00:00Z"));
    CHECK(sources::is_scanned_status(order.packages[0]));
    REQUIRE(page->skipped.size() == 2);
    CHECK(page->skipped[0] == "orders[1]: orderId: missing");
    CHECK(page->skipped[1].starts_with("orders[2] 113-0000003-0000003: createdTime:"));
    CHECK(page->next_token == "page-2");
    CHECK(page->last_updated_before == at("2026-11-21T10:00:00Z"));
}

TEST_CASE("sp-api: cut, non-JSON and shapeless bodies are errors to retry") {
    const std::string cut(k_page.substr(0, k_page.size() / 2));
    for (const std::string& body : {cut,
                                    std::string("<html>busy</html>"),
                                    std::string("{}"),
                                    std::string(R"({"orders": {}})"),
                                    // JSON that is not an object (found by fuzz_sp_api).
                                    std::string("[]"),
                                    std::string("7"),
                                    std::string("\"orders\""),
                                    std::string(20000, '[') + std::string(20000, ']')}) {
        CAPTURE(body);
        const auto page = sources::parse_search_page(body);
        REQUIRE_FALSE(page);
        CHECK(page.error().code == ErrorCode::network);
    }
    CHECK(sources::sp_error_code(R"({"errors":[{"code":"QuotaExceeded","message":"m"}]})")
          == "QuotaExceeded");
    CHECK(sources::sp_error_code("nope").empty());
}

TEST_CASE("sp-api: only pick-up and later statuses count as a scan") {
    sources::SpPackage package;
    package.status = "PENDING";
    package.detailed_status = "PENDING_PICK_UP";
    CHECK_FALSE(sources::is_scanned_status(package));
    package.detailed_status = "LABEL_CANCELLED";
    CHECK_FALSE(sources::is_scanned_status(package));
    package.status = "DELIVERED";
    package.detailed_status = "";
    CHECK(sources::is_scanned_status(package));
    package.status = "SHIPPED";
    package.detailed_status = "DROPPED_OFF";
    CHECK(sources::is_scanned_status(package));
}
