#include "api_common.hpp"
#include "json_access.hpp"
#include "json_events.hpp"
#include "timestamps.hpp"
#include "tracking_apis.hpp"

#include <unordered_map>

namespace vtrguard::carriers {

namespace {

constexpr long long k_already_registered = -18019901;
constexpr long long k_not_registered = -18019902;
constexpr long long k_no_info_yet = -18019909;

ApiErrorKind kind_of(long long code) {
    switch (code) {
    case -18010001: // IP not whitelisted
    case -18010002: // invalid key
    case -18010004: // account disabled
    case -18010005: // unauthorized
        return ApiErrorKind::unauthorized;
    case -18010003: // internal error
    case k_not_registered:
        return ApiErrorKind::transient;
    case -18019907: // daily limit
    case -18019908: // quota exhausted
        return ApiErrorKind::throttled;
    default:
        return ApiErrorKind::rejected;
    }
}

ApiError item_error(const rapidjson::Value* error) {
    const auto code = json::integer(error, "code").value_or(0);
    return ApiError{
        kind_of(code),
        concat({"17track: ", std::to_string(code), ": ", json::text(error, "message")})};
}

TrackStatus track17_status(std::string_view status, std::string_view sub_status, bool has_events) {
    if (status == "InfoReceived") {
        return TrackStatus::label_created;
    }
    if (status == "InTransit" || (status == "Expired" && has_events)) {
        return TrackStatus::in_transit;
    }
    if (status == "OutForDelivery" || status == "AvailableForPickup") {
        return TrackStatus::out_for_delivery;
    }
    if (status == "Delivered") {
        return TrackStatus::delivered;
    }
    if (status == "DeliveryFailure") {
        return TrackStatus::exception;
    }
    if (status == "Exception") {
        const bool is_return =
            sub_status == "Exception_Returning" || sub_status == "Exception_Returned";
        return is_return ? TrackStatus::returned : TrackStatus::exception;
    }
    return TrackStatus::not_found;
}

TrackEvent track17_event(const rapidjson::Value& item) {
    TrackEvent event;
    event.code = std::string(json::text(&item, "sub_status"));
    event.description = std::string(json::text(&item, "description"));
    event.location = std::string(json::text(&item, "location"));
    auto time = json::text(&item, "time_utc");
    event.time = parse_iso8601(time.empty() ? json::text(&item, "time_iso") : time);
    const auto stage = json::text(&item, "stage");
    event.is_physical = !event.code.empty() && !event.code.starts_with("InfoReceived")
                        && !event.code.starts_with("NotFound") && stage != "InfoReceived";
    return event;
}

TrackResult read_track_info(std::string_view number, const rapidjson::Value* info) {
    TrackResult result;
    result.number = std::string(number);
    if (const auto* providers = json::array(json::object(info, "tracking"), "providers")) {
        for (const auto& provider : providers->GetArray()) {
            append_events(result.events, &provider, "events", track17_event);
        }
    }
    const auto* latest = json::object(info, "latest_status");
    const auto status = json::text(latest, "status");
    result.status =
        track17_status(status, json::text(latest, "sub_status"), !result.events.empty());
    result.carrier_status = std::string(status);
    // The document's rule: past NotFound/InfoReceived, or a PickedUp milestone with a time.
    result.has_physical_scan =
        result.status != TrackStatus::not_found && result.status != TrackStatus::label_created;
    if (const auto* milestones = json::array(info, "milestone")) {
        for (const auto& milestone : milestones->GetArray()) {
            if (json::text(&milestone, "key_stage") == "PickedUp"
                && !json::text(&milestone, "time_utc").empty()) {
                result.has_physical_scan = true;
            }
        }
    }
    finish_result(result);
    return result;
}

class Track17Api final : public TrackingApi {
public:
    std::string_view code() const override { return "17track"; }

    AuthScheme auth() const override { return AuthScheme::api_key; }

    std::string_view api_key_header() const override { return "17token"; }

    std::size_t max_batch() const override { return 40; }

    std::size_t step_count() const override { return 2; } // register, then gettrackinfo

    ApiRequest build(std::size_t step,
                     std::span<const TrackQuery> queries,
                     const RequestContext& /*context*/) const override {
        ApiRequest request;
        request.method = "POST";
        request.target = step == 0 ? "/track/v2.2/register" : "/track/v2.2/gettrackinfo";
        request.headers = {{"Content-Type", "application/json"}};
        std::string body = "[";
        for (const auto& query : queries) {
            if (body.size() > 1) {
                body.push_back(',');
            }
            body.append(R"({"number":)").append(json_quote(query.number)).push_back('}');
        }
        body.push_back(']');
        request.body = std::move(body);
        return request;
    }

    ApiResult<std::vector<ItemOutcome>> parse(std::size_t step,
                                              int http_status,
                                              std::string_view body,
                                              std::span<const TrackQuery> queries) const override {
        auto document = json::parse(body, "17track");
        if (http_status != 200) {
            return tl::unexpected(
                refusal_error("17track", http_status, document.has_value(), "request refused"));
        }
        if (!document) {
            return tl::unexpected(document.error());
        }
        const auto code = json::integer(&*document, "code");
        if (!code) {
            return api_fail(ApiErrorKind::bad_response, "17track: no envelope code");
        }
        if (*code != 0) {
            return api_fail(kind_of(*code),
                            concat({"17track: envelope code ", std::to_string(*code)}));
        }
        const auto* data = json::object(&*document, "data");
        std::vector<ItemOutcome> outcomes;
        if (const auto* rejected = json::array(data, "rejected")) {
            for (const auto& item : rejected->GetArray()) {
                const auto number = std::string(json::text(&item, "number"));
                const auto* error = json::object(&item, "error");
                const auto error_code = json::integer(error, "code").value_or(0);
                if (step == 0 && error_code == k_already_registered) {
                    continue; // registered earlier: go on and query it
                }
                if (step == 1 && error_code == k_no_info_yet) {
                    outcomes.push_back({number, not_found(number)});
                    continue;
                }
                outcomes.push_back({number, tl::unexpected(item_error(error))});
            }
        }
        if (step == 0) {
            return outcomes;
        }
        std::unordered_map<std::string_view, const rapidjson::Value*> accepted;
        if (const auto* list = json::array(data, "accepted")) {
            for (const auto& item : list->GetArray()) {
                accepted.emplace(json::text(&item, "number"), &item);
            }
        }
        for (const auto& query : queries) {
            const auto found = accepted.find(query.number);
            if (found != accepted.end()) {
                outcomes.push_back(
                    {query.number,
                     read_track_info(query.number, json::object(found->second, "track_info"))});
            }
        }
        return outcomes;
    }
};

} // namespace

std::unique_ptr<TrackingApi> make_track17_api() {
    return std::make_unique<Track17Api>();
}

} // namespace vtrguard::carriers
