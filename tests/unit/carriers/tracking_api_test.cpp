#include <vtrguard/carriers/tracking_api.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace vtrguard::carriers;

namespace {

std::vector<TrackQuery> one(const char* number) {
    return {TrackQuery{number, ""}};
}

ApiResult<std::vector<ItemOutcome>> parse(const char* api,
                                          int status,
                                          std::string_view body,
                                          const std::vector<TrackQuery>& queries,
                                          std::size_t step = 0) {
    const auto tracking_api = make_tracking_api(api);
    REQUIRE(tracking_api != nullptr);
    return tracking_api->parse(step, status, body, queries);
}

const TrackResult& only(const ApiResult<std::vector<ItemOutcome>>& parsed) {
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 1);
    REQUIRE(parsed->front().result);
    return *parsed->front().result;
}

} // namespace

TEST_CASE("tracking api: garbage bodies are bad_response, never a crash") {
    const std::vector<std::string> bodies = {"",
                                             "<html>",
                                             "{",
                                             "[]",
                                             "null",
                                             "42",
                                             R"({"trackResponse":7})",
                                             R"({"trackResponse":{"shipment":[1,2]}})",
                                             R"({"output":{"completeTrackResults":{}}})",
                                             R"({"shipments":"x"})",
                                             R"({"code":"0"})",
                                             std::string(1, '\0')};
    for (const char* api : {"ups", "fedex", "usps", "dhl", "17track"}) {
        for (const auto& body : bodies) {
            CAPTURE(api);
            CAPTURE(body);
            const auto parsed = parse(api, 200, body, one("1Z2GK9AJ6341270237"), 1);
            if (parsed) {
                for (const auto& item : *parsed) { // tolerated shapes answer per number
                    CHECK((!item.result || item.result->events.empty()));
                }
            } else {
                CHECK(parsed.error().kind == ApiErrorKind::bad_response);
            }
        }
    }
}

TEST_CASE("ups: TW0001 warning with HTTP 200 is not found") {
    const auto parsed = parse("ups",
                              200,
                              R"({"trackResponse":{"shipment":[{"inquiryNumber":"1Z","warnings":[
                              {"code":"TW0001","message":"Tracking Information Not Found"}]}]}})",
                              one("1Z"));
    CHECK(only(parsed).status == TrackStatus::not_found);
}

TEST_CASE("ups: label-only is not a scan - logical scans do not count - gmtTime forms") {
    const auto parsed = parse("ups",
                              200,
                              R"({"trackResponse":{"shipment":[{"package":[{
        "currentStatus":{"type":"I","code":"OT","description":"Out For Delivery Today"},
        "activity":[
          {"gmtDate":"20240320","gmtTime":"74700","status":{"type":"I","code":"OT"}},
          {"gmtDate":"20240319","gmtTime":"23:07:00","status":{"type":"I","code":"AR"},"logicalScan":true},
          {"gmtDate":"20240318","gmtTime":"10:00:00","status":{"type":"M","code":"MP"}}]}]}]}})",
                              one("1Z"));
    const auto& result = only(parsed);
    CHECK(result.status == TrackStatus::out_for_delivery);
    CHECK(result.has_physical_scan);
    REQUIRE(result.first_scan);
    CHECK(*result.first_scan == 1710920820); // 2024-03-20T07:47:00Z
    CHECK(result.events.front().code == "MP");
}

TEST_CASE("ups: HTTP status classes") {
    CHECK(only(parse("ups", 404, "{}", one("1Z"))).status == TrackStatus::not_found);
    CHECK(parse("ups", 401, "{}", one("1Z")).error().kind == ApiErrorKind::unauthorized);
    CHECK(parse("ups", 429, R"({"response":{"errors":[{"code":"10429"}]}})", one("1Z")).error().kind
          == ApiErrorKind::throttled);
    CHECK(parse("ups", 400, "{}", one("1Z")).error().kind == ApiErrorKind::rejected);
}

TEST_CASE("fedex: per-number errors and duplicate results") {
    const std::vector<TrackQuery> queries{{"111111111111", ""}, {"222222222222", ""}, {"333", ""}};
    const auto parsed = parse("fedex",
                              200,
                              R"({"output":{"completeTrackResults":[
        {"trackingNumber":"111111111111","trackResults":[{"error":{"code":"TRACKING.TRACKINGNUMBER.NOTFOUND"}}]},
        {"trackingNumber":"222222222222","trackResults":[
          {"latestStatusDetail":{"code":"OC"},"scanEvents":[{"date":"2024-08-15T10:00:00-05:00","eventType":"OC"}]},
          {"latestStatusDetail":{"code":"DL"},"scanEvents":[{"date":"2024-08-17T10:00:00-05:00","eventType":"DL"},
                                                            {"date":"2024-08-16T10:00:00-05:00","eventType":"PU"}]}]}]}})",
                              queries);
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 3);
    CHECK((*parsed)[0].result->status == TrackStatus::not_found);
    CHECK((*parsed)[1].result->status == TrackStatus::delivered); // the latest of the two
    CHECK(*(*parsed)[1].result->first_scan == 1723820400);        // 2024-08-16T15:00:00Z
    CHECK((*parsed)[2].result.error().kind == ApiErrorKind::bad_response);
}

TEST_CASE("fedex: the request batches numbers as JSON") {
    const auto api = make_tracking_api("fedex");
    const std::vector<TrackQuery> queries{{"111111111111", ""}, {"2\"2", ""}};
    const auto request = api->build(0, queries, {});
    CHECK(request.method == "POST");
    CHECK(request.body.find(R"({"trackingNumberInfo":{"trackingNumber":"2\"2"}})")
          != std::string::npos);
    CHECK(api->max_batch() == 30);
}

TEST_CASE("usps: 403 is forbidden - 400 with 150001 is not found - return codes") {
    const auto forbidden = parse("usps", 403, R"({"error":{"message":"MID"}})", one("9400"));
    REQUIRE(forbidden);
    CHECK(forbidden->front().result.error().kind == ApiErrorKind::forbidden);
    const auto not_yet =
        parse("usps", 400, R"({"error":{"code":"400","errors":[{"code":"150001"}]}})", one("9400"));
    CHECK(only(not_yet).status == TrackStatus::not_found);
    CHECK(parse("usps", 400, R"({"error":{"errors":[{"code":"1"}]}})", one("9400")).error().kind
          == ApiErrorKind::rejected);
    const auto returned = parse("usps",
                                200,
                                R"({"statusCategory":"Alert","trackingEvents":[
        {"eventCode":"09","GMTTimestamp":"2024-11-27T00:00:00Z"},
        {"eventCode":"03","GMTTimestamp":"2024-11-26T00:26:14Z"},
        {"eventCode":"GX","GMTTimestamp":"2024-11-25T00:00:00Z"}]})",
                                one("9400"));
    CHECK(only(returned).status == TrackStatus::returned);
    CHECK(*only(returned).first_scan == 1732580774);
}

TEST_CASE("dhl: service parameter, out-for-delivery text, 404") {
    const auto api = make_tracking_api("dhl");
    const std::vector<TrackQuery> ecommerce{{"GM123", "dhl_ecommerce"}};
    CHECK(api->build(0, ecommerce, {}).target.find("&service=ecommerce") != std::string::npos);
    CHECK(api->build(0, one("1360910832"), {}).target.find("&service=express")
          != std::string::npos);
    const auto out = parse("dhl",
                           200,
                           R"({"shipments":[{"id":"1","status":{"statusCode":"transit",
        "status":"With delivery courier - Out for Delivery"},"events":[
        {"timestamp":"2024-01-02T10:00:00+01:00","statusCode":"transit"}]}]})",
                           one("1"));
    CHECK(only(out).status == TrackStatus::out_for_delivery);
    CHECK(*only(out).first_scan == 1704186000);
    CHECK(only(parse("dhl", 404, R"({"status":404})", one("1"))).status == TrackStatus::not_found);
}

TEST_CASE("17track: register tolerates already-registered - query maps statuses") {
    const std::vector<TrackQuery> queries{{"RR1", ""}, {"RR2", ""}, {"RR3", ""}};
    const auto registered = parse("17track",
                                  200,
                                  R"({"code":0,"data":{"accepted":[{"number":"RR1"}],
        "rejected":[{"number":"RR2","error":{"code":-18019901}},{"number":"RR3","error":{"code":-18019908}}]}})",
                                  queries,
                                  0);
    REQUIRE(registered);
    REQUIRE(registered->size() == 1); // only RR3 stops here
    CHECK(registered->front().number == "RR3");
    CHECK(registered->front().result.error().kind == ApiErrorKind::throttled);

    const auto info = parse("17track",
                            200,
                            R"({"code":0,"data":{"accepted":[
        {"number":"RR1","track_info":{"latest_status":{"status":"InfoReceived"},
          "milestone":[{"key_stage":"PickedUp","time_utc":"2024-04-26T06:30:00Z"}]}},
        {"number":"RR2","track_info":{"latest_status":{"status":"Exception","sub_status":"Exception_Returned"}}}],
        "rejected":[{"number":"RR3","error":{"code":-18019909}}]}})",
                            queries,
                            1);
    REQUIRE(info);
    REQUIRE(info->size() == 3);
    for (const auto& item : *info) {
        REQUIRE(item.result);
        if (item.number == "RR1") {
            CHECK(item.result->status == TrackStatus::label_created);
            CHECK(item.result->has_physical_scan); // the PickedUp milestone
        } else if (item.number == "RR2") {
            CHECK(item.result->status == TrackStatus::returned);
        } else {
            CHECK(item.result->status == TrackStatus::not_found);
        }
    }
    CHECK(parse("17track", 200, R"({"code":-18010002})", queries, 1).error().kind
          == ApiErrorKind::unauthorized);
}

TEST_CASE("token response: expires_in as number or string - errors") {
    const auto grant = parse_token_response(200, R"({"access_token":"abc","expires_in":"14399"})");
    REQUIRE(grant);
    CHECK(grant->expires_in_seconds == 14399);
    CHECK(
        parse_token_response(200, R"({"access_token":"abc","expires_in":3600})")->expires_in_seconds
        == 3600);
    CHECK(parse_token_response(200, R"({"access_token":""})").error().kind
          == ApiErrorKind::bad_response);
    CHECK(parse_token_response(401, R"({"error":"invalid_client"})").error().kind
          == ApiErrorKind::unauthorized);
    CHECK(parse_token_response(503, "").error().kind == ApiErrorKind::transient);
}

TEST_CASE("tracking api: a refusal with an unreadable body is retried, a readable one is not") {
    // USPS's not-found lives in a 400 body: cut on the way, it must not turn into "rejected".
    const std::string whole = R"({"error":{"code":"400","errors":[{"code":"150001"}]}})";
    const std::vector<std::string> unreadable = {
        whole.substr(0, whole.size() / 2), "<html><h1>400 Bad Request</h1></html>", ""};
    for (const char* api : {"ups", "fedex", "usps", "dhl", "17track"}) {
        for (const auto& body : unreadable) {
            CAPTURE(api);
            CAPTURE(body);
            const auto parsed = parse(api, 400, body, one("9400578845886028813994"));
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().kind == ApiErrorKind::bad_response);
            CHECK(parsed.error().message.find("HTTP 400 with an unreadable body")
                  != std::string::npos);
        }
        // Statuses that mean something whatever the body keep their meaning.
        CHECK(parse(api, 429, "<html>", one("9400578845886028813994")).error().kind
              == ApiErrorKind::throttled);
        CHECK(parse(api, 503, "{", one("9400578845886028813994")).error().kind
              == ApiErrorKind::transient);
    }
    CHECK(parse("usps", 400, R"({"error":{"errors":[{"code":"1"}]}})", one("9400")).error().kind
          == ApiErrorKind::rejected);
    CHECK(parse("fedex", 400, R"({"errors":[{"code":"BAD.REQUEST"}]})", one("1")).error().kind
          == ApiErrorKind::rejected);
    CHECK(parse_token_response(400, R"({"error":"invalid_client"})").error().kind
          == ApiErrorKind::unauthorized);
    CHECK(parse_token_response(400, "<html>").error().kind == ApiErrorKind::bad_response);
}
