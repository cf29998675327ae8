#include "api_common.hpp"
#include "json_access.hpp"
#include "json_events.hpp"
#include "one_number_get_api.hpp"
#include "timestamps.hpp"
#include "tracking_apis.hpp"

namespace vtrguard::carriers {

namespace {

// Return-to-sender event codes: 09 and 21 to 31.
bool is_return_code(std::string_view code) {
    if (code == "09") {
        return true;
    }
    if (code.size() != 2 || code[0] < '2' || code[0] > '3' || code[1] < '0' || code[1] > '9') {
        return false;
    }
    const int value = (code[0] - '0') * 10 + (code[1] - '0');
    return value >= 21 && value <= 31;
}

TrackStatus usps_status(std::string_view category, const TrackResult& result) {
    if (!result.events.empty() && is_return_code(result.events.back().code)) {
        return TrackStatus::returned;
    }
    if (category == "Pre-Shipment") {
        return TrackStatus::label_created;
    }
    if (category == "Accepted" || category == "In Transit") {
        return TrackStatus::in_transit;
    }
    if (category == "Out for Delivery") {
        return TrackStatus::out_for_delivery;
    }
    if (category == "Delivered") {
        return TrackStatus::delivered;
    }
    if (category == "Alert") {
        return TrackStatus::exception;
    }
    // An unknown category: judge by the latest event.
    if (result.events.empty()) {
        return TrackStatus::not_found;
    }
    const auto& latest = result.events.back().code;
    if (latest == "01") {
        return TrackStatus::delivered;
    }
    if (latest == "OF") {
        return TrackStatus::out_for_delivery;
    }
    return result.events.back().is_physical ? TrackStatus::in_transit : TrackStatus::label_created;
}

TrackEvent usps_event(const rapidjson::Value& item) {
    TrackEvent event;
    event.code = std::string(json::text(&item, "eventCode"));
    event.description = std::string(json::text(&item, "eventType"));
    event.location = std::string(json::text(&item, "eventCity"));
    event.time = parse_iso8601(json::text(&item, "GMTTimestamp"));
    event.is_physical = !event.code.empty() && event.code != "GX" && event.code != "MA";
    return event;
}

TrackResult read_detail(std::string_view number, const rapidjson::Value& detail) {
    auto result = result_with_events(number, &detail, "trackingEvents", usps_event);
    finish_result(result); // USPS lists newest first; the events carry GMT times
    result.status = usps_status(json::text(&detail, "statusCategory"), result);
    result.carrier_status = std::string(json::text(&detail, "status"));
    return result;
}

class UspsApi final : public OneNumberGetApi {
public:
    UspsApi()
        : OneNumberGetApi(
            {.code = "usps", .auth = AuthScheme::oauth_json, .token_path = "/oauth2/v3/token"}) {}

private:
    std::string target(const TrackQuery& query) const override {
        return "/tracking/v3/tracking/" + url_encode(query.number) + "?expand=DETAIL";
    }

    std::optional<ApiResult<TrackResult>> refusal_outcome(int http_status,
                                                          const rapidjson::Value* document,
                                                          std::string_view number) const override {
        if (http_status == 400) {
            // "A status update is not yet available": USPS lags; not found for now.
            const auto* inner = json::first_object(json::object(document, "error"), "errors");
            if (json::text(inner, "code") == "150001") {
                return not_found(number);
            }
        }
        if (http_status == 403) {
            // The MID gate: this account may not see the label. Not "not found".
            return api_fail(
                ApiErrorKind::forbidden,
                "usps: HTTP 403: not permitted to track this label (MID access control)");
        }
        return std::nullopt;
    }

    std::string refusal_detail(const rapidjson::Value* document) const override {
        return std::string(json::text(json::object(document, "error"), "message"));
    }

    ApiResult<TrackResult> read_reply(std::string_view number,
                                      const rapidjson::Value& document) const override {
        if (!document.IsObject()) {
            return api_fail(ApiErrorKind::bad_response, "usps: body is not an object");
        }
        return read_detail(number, document);
    }
};

} // namespace

std::unique_ptr<TrackingApi> make_usps_api() {
    return std::make_unique<UspsApi>();
}

} // namespace vtrguard::carriers
