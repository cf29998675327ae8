#include "api_common.hpp"
#include "json_access.hpp"
#include "json_events.hpp"
#include "one_number_get_api.hpp"
#include "timestamps.hpp"
#include "tracking_apis.hpp"

#include <algorithm>

namespace vtrguard::carriers {

namespace {

// UPS `status.type` (and, for out for delivery, `status.code`) to our taxonomy.
TrackStatus ups_status(std::string_view type, std::string_view code) {
    if (type == "D") {
        return TrackStatus::delivered;
    }
    if (type == "O" || (type == "I" && (code == "OT" || code == "OF" || code == "OD"))) {
        return TrackStatus::out_for_delivery;
    }
    if (type == "M" || type == "MV") {
        return TrackStatus::label_created;
    }
    if (type == "X") {
        return TrackStatus::exception;
    }
    if (type == "RS") {
        return TrackStatus::returned;
    }
    if (type == "NA" || type.empty()) {
        return TrackStatus::not_found;
    }
    return TrackStatus::in_transit; // P, I, and the freight types DO, DD, W
}

std::string location_of(const rapidjson::Value* activity) {
    const auto* address = json::object(json::object(activity, "location"), "address");
    std::string location(json::text(address, "city"));
    for (const char* field : {"stateProvince", "countryCode"}) {
        const auto part = json::text(address, field);
        if (!part.empty()) {
            location += location.empty() ? "" : ", ";
            location += part;
        }
    }
    return location;
}

TrackEvent ups_event(const rapidjson::Value& activity) {
    const auto* status = json::object(&activity, "status");
    const auto type = json::text(status, "type");
    TrackEvent event;
    event.code = std::string(json::text(status, "code"));
    event.description = std::string(json::text(status, "description"));
    event.location = location_of(&activity);
    event.time = parse_ups_gmt(json::text(&activity, "gmtDate"), json::text(&activity, "gmtTime"));
    event.is_physical =
        !type.empty() && type != "M" && type != "MV" && !json::is_true(&activity, "logicalScan");
    return event;
}

TrackResult read_package(std::string_view number, const rapidjson::Value& package) {
    auto result = result_with_events(number, &package, "activity", ups_event);
    std::reverse(result.events.begin(), result.events.end()); // UPS lists newest first
    const auto* current = json::object(&package, "currentStatus");
    const auto* activities = json::array(&package, "activity");
    if (current == nullptr && activities != nullptr && !activities->Empty()) {
        current = json::object(&(*activities)[0], "status");
    }
    result.status = ups_status(json::text(current, "type"), json::text(current, "code"));
    result.carrier_status = std::string(json::text(current, "description"));
    finish_result(result);
    return result;
}

class UpsApi final : public OneNumberGetApi {
public:
    UpsApi()
        : OneNumberGetApi({.code = "ups",
                           .auth = AuthScheme::oauth_basic,
                           .token_path = "/security/v1/oauth/token"}) {}

private:
    std::string target(const TrackQuery& query) const override {
        return "/api/track/v1/details/" + url_encode(query.number)
               + "?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false";
    }

    Headers headers_before_accept(const RequestContext& context) const override {
        return {{"transId", context.transaction_id}, {"transactionSrc", context.app_name}};
    }

    std::string refusal_detail(const rapidjson::Value* document) const override {
        return json::first_error(json::array(json::object(document, "response"), "errors"));
    }

    ApiResult<TrackResult> read_reply(std::string_view number,
                                      const rapidjson::Value& document) const override {
        const auto* shipment =
            json::first_object(json::object(&document, "trackResponse"), "shipment");
        if (shipment == nullptr) {
            return api_fail(ApiErrorKind::bad_response, "ups: no trackResponse.shipment");
        }
        const auto* package = json::first_object(shipment, "package");
        if (package == nullptr) {
            // UPS answers "not found" as 200 with warning TW0001 and no package.
            const auto* warning = json::first_object(shipment, "warnings");
            if (warning != nullptr) {
                return not_found(number);
            }
            return api_fail(ApiErrorKind::bad_response, "ups: shipment without package");
        }
        return read_package(number, *package);
    }
};

} // namespace

std::unique_ptr<TrackingApi> make_ups_api() {
    return std::make_unique<UpsApi>();
}

} // namespace vtrguard::carriers
