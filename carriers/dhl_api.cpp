#include "api_common.hpp"
#include "json_access.hpp"
#include "json_events.hpp"
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

class DhlApi final : public TrackingApi {
public:
    std::string_view code() const override { return "dhl"; }

    AuthScheme auth() const override { return AuthScheme::api_key; }

    std::string_view api_key_header() const override { return "DHL-API-Key"; }

    ApiRequest build(std::size_t /*step*/,
                     std::span<const TrackQuery> queries,
                     const RequestContext& /*context*/) const override {
        const auto& query = queries.front();
        ApiRequest request;
        request.method = "GET";
        request.target = "/track/shipments?trackingNumber=" + url_encode(query.number)
                         + "&service=" + std::string(dhl_service(query.format_id))
                         + "&language=en&offset=0&limit=5";
        request.headers = {{"Accept", "application/json"}};
        return request;
    }

    ApiResult<std::vector<ItemOutcome>> parse(std::size_t /*step*/,
                                              int http_status,
                                              std::string_view body,
                                              std::span<const TrackQuery> queries) const override {
        const auto& number = queries.front().number;
        if (http_status == 404) {
            return std::vector<ItemOutcome>{{number, not_found(number)}};
        }
        auto document = json::parse(body, "dhl");
        if (http_status != 200) {
            const auto detail = document ? json::text(&*document, "detail") : std::string_view{};
            return tl::unexpected(status_error("dhl", http_status, detail));
        }
        if (!document) {
            return tl::unexpected(document.error());
        }
        const auto* shipments = json::array(&*document, "shipments");
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
            return std::vector<ItemOutcome>{{number, not_found(number)}};
        }
        return std::vector<ItemOutcome>{{number, read_shipment(number, *chosen)}};
    }
};

} // namespace

std::unique_ptr<TrackingApi> make_dhl_api() {
    return std::make_unique<DhlApi>();
}

} // namespace vtrguard::carriers
