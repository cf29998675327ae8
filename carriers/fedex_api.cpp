#include "api_common.hpp"
#include "json_access.hpp"
#include "json_events.hpp"
#include "timestamps.hpp"
#include "tracking_apis.hpp"

#include <array>
#include <unordered_map>

namespace vtrguard::carriers {

namespace {

TrackStatus fedex_status(std::string_view code) {
    if (code == "OC" || code == "CA") {
        return TrackStatus::label_created;
    }
    if (code == "OD" || code == "ED" || code == "AD") {
        return TrackStatus::out_for_delivery;
    }
    if (code == "DL") {
        return TrackStatus::delivered;
    }
    if (code == "RS") {
        return TrackStatus::returned;
    }
    static constexpr std::array<std::string_view, 8> k_exceptions{
        "DE", "SE", "CD", "HL", "HA", "DY", "PD", "DD"};
    for (const auto exception : k_exceptions) {
        if (code == exception) {
            return TrackStatus::exception;
        }
    }
    return TrackStatus::in_transit;
}

// Label, notice and return-label link events: electronic, not a scan.
bool is_electronic(std::string_view event_type) {
    static constexpr std::array<std::string_view, 9> k_electronic{
        "OC", "OX", "CA", "AE", "AO", "RP", "RG", "RD", "LP"};
    for (const auto electronic : k_electronic) {
        if (event_type == electronic) {
            return true;
        }
    }
    return event_type.empty();
}

TrackEvent fedex_event(const rapidjson::Value& scan) {
    TrackEvent event;
    event.code = std::string(json::text(&scan, "eventType"));
    event.description = std::string(json::text(&scan, "eventDescription"));
    const auto* location = json::object(&scan, "scanLocation");
    event.location = std::string(json::text(location, "city"));
    event.time = parse_iso8601(json::text(&scan, "date"));
    event.is_physical = !is_electronic(event.code);
    return event;
}

TrackResult read_result(std::string_view number, const rapidjson::Value& track) {
    auto result = result_with_events(number, &track, "scanEvents", fedex_event);
    const auto* latest = json::object(&track, "latestStatusDetail");
    auto code = json::text(latest, "code");
    if (code.empty()) {
        code = json::text(latest, "derivedCode");
    }
    result.status =
        code.empty() && result.events.empty() ? TrackStatus::not_found : fedex_status(code);
    result.carrier_status = std::string(json::text(latest, "statusByLocale"));
    finish_result(result);
    return result;
}

// A per-number error; NOTFOUND and INVALID mean the carrier does not know the number.
ApiResult<TrackResult> read_error(std::string_view number, const rapidjson::Value* error) {
    const auto code = json::text(error, "code");
    if (code.find("NOTFOUND") != std::string_view::npos
        || code.find("INVALID") != std::string_view::npos) {
        return not_found(number);
    }
    return api_fail(ApiErrorKind::rejected,
                    concat({"fedex: ", code, ": ", json::text(error, "message")}));
}

// Several results for one number (reused numbers): the one with the latest event wins.
ApiResult<TrackResult> read_complete(std::string_view number, const rapidjson::Value& complete) {
    const auto* results = json::array(&complete, "trackResults");
    if (results == nullptr || results->Empty()) {
        return api_fail(ApiErrorKind::bad_response, "fedex: no trackResults");
    }
    std::optional<TrackResult> best;
    for (const auto& track : results->GetArray()) {
        if (!track.IsObject()) {
            continue;
        }
        if (const auto* error = json::object(&track, "error")) {
            if (!best && results->Size() == 1) {
                return read_error(number, error);
            }
            continue;
        }
        auto candidate = read_result(number, track);
        const auto latest = [](const TrackResult& r) {
            return r.events.empty() ? UnixSeconds{0} : r.events.back().time.value_or(0);
        };
        if (!best || latest(candidate) > latest(*best)) {
            best = std::move(candidate);
        }
    }
    if (!best) {
        return read_error(number, json::object(&(*results)[0], "error"));
    }
    return std::move(*best);
}

class FedexApi final : public TrackingApi {
public:
    std::string_view code() const override { return "fedex"; }

    AuthScheme auth() const override { return AuthScheme::oauth_form; }

    std::string_view token_path() const override { return "/oauth/token"; }

    std::size_t max_batch() const override { return 30; }

    ApiRequest build(std::size_t /*step*/,
                     std::span<const TrackQuery> queries,
                     const RequestContext& context) const override {
        ApiRequest request;
        request.method = "POST";
        request.target = "/track/v1/trackingnumbers";
        request.headers = {{"Content-Type", "application/json"},
                           {"X-locale", "en_US"},
                           {"x-customer-transaction-id", context.transaction_id}};
        request.body = R"({"includeDetailedScans":true,"trackingInfo":[)";
        bool is_first = true;
        for (const auto& query : queries) {
            request.body += is_first ? "" : ",";
            request.body.append(R"({"trackingNumberInfo":{"trackingNumber":)")
                .append(json_quote(query.number))
                .append("}}");
            is_first = false;
        }
        request.body += "]}";
        return request;
    }

    ApiResult<std::vector<ItemOutcome>> parse(std::size_t /*step*/,
                                              int http_status,
                                              std::string_view body,
                                              std::span<const TrackQuery> queries) const override {
        auto document = json::parse(body, "fedex");
        if (http_status != 200) {
            const auto* errors = document ? json::array(&*document, "errors") : nullptr;
            return tl::unexpected(refusal_error(
                "fedex", http_status, document.has_value(), json::first_error(errors)));
        }
        if (!document) {
            return tl::unexpected(document.error());
        }
        const auto* completes =
            json::array(json::object(&*document, "output"), "completeTrackResults");
        if (completes == nullptr) {
            return api_fail(ApiErrorKind::bad_response, "fedex: no output.completeTrackResults");
        }
        std::unordered_map<std::string_view, const rapidjson::Value*> by_number;
        for (const auto& complete : completes->GetArray()) {
            const auto number = json::text(&complete, "trackingNumber");
            if (!number.empty()) {
                by_number.emplace(number, &complete);
            }
        }
        std::vector<ItemOutcome> outcomes;
        for (const auto& query : queries) {
            const auto found = by_number.find(query.number);
            if (found == by_number.end()) {
                outcomes.push_back({query.number,
                                    api_fail(ApiErrorKind::bad_response,
                                             "fedex: the number is missing from the reply")});
                continue;
            }
            outcomes.push_back({query.number, read_complete(query.number, *found->second)});
        }
        return outcomes;
    }
};

} // namespace

std::unique_ptr<TrackingApi> make_fedex_api() {
    return std::make_unique<FedexApi>();
}

} // namespace vtrguard::carriers
