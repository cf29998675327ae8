#include "api_common.hpp"
#include "json_access.hpp"
#include "json_events.hpp"
#include "one_number_get_api.hpp"
#include "timestamps.hpp"
#include "tracking_apis.hpp"

namespace vtrguard::carriers {

namespace {

// Without `service` DHL searches every division and may answer with another shipment.
std::string_view dhl_service(std::string_view format_id) {
    if (format_id.starts_with("dhl_ecommerce")) {
        return "ecommerce";
    }
    return "express";
}

TrackStatus dhl_status(const rapidjson::Value* status) {
    const auto code = json::text(status, "statusCode");
    if (code == "pre-transit") {
        return TrackStatus::label_created;
    }
    if (code == "delivered") {
        return TrackStatus::delivered;
    }
    if (code == "failure") {
        return TrackStatus::exception;
    }
    if (code == "transit") {
        const bool is_out =
            contains_nocase(json::text(status, "status"), "out for delivery")
            || contains_nocase(json::text(status, "description"), "out for delivery");
        return is_out ? TrackStatus::out_for_delivery : TrackStatus::in_transit;
    }
    return TrackStatus::not_found; // unknown
}

TrackEvent dhl_event(const rapidjson::Value& item) {
    TrackEvent event;
    event.code = std::string(json::text(&item, "statusCode"));
    event.description = std::string(json::text(&item, "description"));
    if (event.description.empty()) {
        event.description = std::string(json::text(&item, "status"));
    }
    const auto* address = json::object(json::object(&item, "location"), "address");
    event.location = std::string(json::text(address, "addressLocality"));
    event.time = parse_iso8601(json::text(&item, "timestamp"));
    event.is_physical =
        event.code == "transit" || event.code == "delivered" || event.code == "failure";
    return event;
}

TrackResult read_shipment(std::string_view number, const rapidjson::Value& shipment) {
    auto result = result_with_events(number, &shipment, "events", dhl_event);
    const auto* status = json::object(&shipment, "status");
    result.status = dhl_status(status);
    if (json::is_true(&shipment, "returnFlag")) {
        result.status = TrackStatus::returned;
    }
    result.carrier_status = std::string(json::text(status, "status"));
    finish_result(result);
    return result;
}

class DhlApi final : public OneNumberGetApi {
public:
    DhlApi()
        : OneNumberGetApi(
            {.code = "dhl", .auth = AuthScheme::api_key, .api_key_header = "DHL-API-Key"}) {}

private:
    std::string target(const TrackQuery& query) const override {
        return "/track/shipments?trackingNumber=" + url_encode(query.number) + "&service="
               + std::string(dhl_service(query.format_id)) + "&language=en&offset=0&limit=5";
    }

    std::string refusal_detail(const rapidjson::Value* document) const override {
        return std::string(json::text(document, "detail"));
    }

    // DHL may answer with several shipments: the last whose id is the number, else the first.
    ApiResult<TrackResult> read_reply(std::string_view number,
                                      const rapidjson::Value& document) const override {
        const auto* shipments = json::array(&document, "shipments");
        if (shipments == nullptr) {
            return api_fail(ApiErrorKind::bad_response, "dhl: no shipments");
        }
        const rapidjson::Value* chosen = nullptr;
        for (const auto& shipment : shipments->GetArray()) {
            if (shipment.IsObject()
                && (chosen == nullptr || json::text(&shipment, "id") == number)) {
                chosen = &shipment;
            }
        }
        if (chosen == nullptr) {
            return not_found(number);
        }
        return read_shipment(number, *chosen);
    }
};

} // namespace

std::unique_ptr<TrackingApi> make_dhl_api() {
    return std::make_unique<DhlApi>();
}

} // namespace vtrguard::carriers
