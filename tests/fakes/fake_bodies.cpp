#include "fake_bodies.hpp"

#include <fmt/format.h>

#include <array>

namespace vtrguard::fakes {

namespace {

enum class Stage : std::uint8_t {
    label,
    pickup,
    arrival,
    out_for_delivery,
    delivered,
    failed,
    returned
};

std::vector<Stage> stages_of(Shipment shipment) {
    switch (shipment) {
    case Shipment::label_created:
        return {Stage::label};
    case Shipment::found_with_scans:
        return {Stage::label, Stage::pickup, Stage::arrival};
    case Shipment::out_for_delivery:
        return {Stage::label, Stage::pickup, Stage::arrival, Stage::out_for_delivery};
    case Shipment::delivered:
        return {
            Stage::label, Stage::pickup, Stage::arrival, Stage::out_for_delivery, Stage::delivered};
    case Shipment::returned:
        return {Stage::label, Stage::pickup, Stage::arrival, Stage::returned};
    case Shipment::exception:
        return {Stage::label, Stage::pickup, Stage::failed};
    default:
        return {};
    }
}

// Hours after 2025-03-01T08:00:00Z at which each stage happens.
int hour_of(Stage stage) {
    static constexpr std::array<int, 7> k_hours{0, 4, 10, 24, 28, 20, 30};
    return k_hours.at(static_cast<std::size_t>(stage));
}

// UTC date and time of a stage: day 1 or 2 of March 2025.
std::pair<int, int> day_hour(Stage stage) {
    const int total = 8 + hour_of(stage);
    return {1 + total / 24, total % 24};
}

std::string iso_utc(Stage stage) {
    const auto [day, hour] = day_hour(stage);
    return fmt::format("2025-03-{:02}T{:02}:00:00Z", day, hour);
}

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& names, Stage stage) {
    return names.at(static_cast<std::size_t>(stage));
}

std::string join(const std::vector<std::string>& parts) {
    return fmt::format("{}", fmt::join(parts, ","));
}

} // namespace

FakeReply ups_reply(const std::string& number, Shipment shipment) {
    if (shipment == Shipment::not_found_404) {
        return {
            404,
            R"({"response":{"errors":[{"code":"TW0001","message":"Tracking Information Not Found"}]}})",
            {}};
    }
    const auto stages = stages_of(shipment);
    if (stages.empty()) {
        return {
            200,
            fmt::format(
                R"({{"trackResponse":{{"shipment":[{{"inquiryNumber":"{}",)"
                R"("warnings":[{{"code":"TW0001","message":"Tracking Information Not Found"}}]}}]}}}})",
                number),
            {}};
    }
    static constexpr std::array<std::string_view, 7> k_types{"M", "P", "I", "I", "D", "X", "RS"};
    static constexpr std::array<std::string_view, 7> k_codes{
        "MP", "PU", "AR", "OT", "KB", "X1", "RS"};
    std::vector<std::string> activities;
    for (auto it = stages.rbegin(); it != stages.rend(); ++it) { // newest first
        const auto [day, hour] = day_hour(*it);
        activities.push_back(fmt::format(
            R"({{"date":"202503{:02}","time":"{:02}0000","gmtDate":"202503{:02}","gmtTime":"{:02}:00:00",)"
            R"("gmtOffset":"-05:00","location":{{"address":{{"city":"Louisville","countryCode":"US"}}}},)"
            R"("status":{{"type":"{}","code":"{}","description":"stage {}","statusCode":"005"}}}})",
            day,
            hour,
            day,
            hour,
            pick(k_types, *it),
            pick(k_codes, *it),
            pick(k_codes, *it)));
    }
    const auto last = stages.back();
    return {200,
            fmt::format(R"({{"trackResponse":{{"shipment":[{{"inquiryNumber":"{0}","package":[{{)"
                        R"("trackingNumber":"{0}","currentStatus":{{"type":"{1}","code":"{2}",)"
                        R"("description":"status {2}"}},"activity":[{3}]}}]}}]}}}})",
                        number,
                        pick(k_types, last),
                        pick(k_codes, last),
                        join(activities)),
            {}};
}

FakeReply fedex_reply(const NumberShipments& items) {
    static constexpr std::array<std::string_view, 7> k_types{
        "OC", "PU", "AR", "OD", "DL", "DE", "RS"};
    std::vector<std::string> completes;
    for (const auto& [number, shipment] : items) {
        const auto stages = stages_of(shipment);
        if (stages.empty()) {
            completes.push_back(fmt::format(
                R"({{"trackingNumber":"{}","trackResults":[{{"error":{{"code":"TRACKING.TRACKINGNUMBER.NOTFOUND",)"
                R"("message":"Tracking number cannot be found."}}}}]}})",
                number));
            continue;
        }
        std::vector<std::string> scans;
        for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
            const auto [day, hour] = day_hour(*it);
            scans.push_back(fmt::format(
                R"({{"date":"2025-03-{:02}T{:02}:00:00-00:00","eventType":"{}","eventDescription":"event",)"
                R"("scanLocation":{{"city":"MEMPHIS","countryCode":"US"}}}})",
                day,
                hour,
                pick(k_types, *it)));
        }
        completes.push_back(fmt::format(
            R"({{"trackingNumber":"{0}","trackResults":[{{"trackingNumberInfo":{{"trackingNumber":"{0}"}},)"
            R"("latestStatusDetail":{{"code":"{1}","derivedCode":"{1}","statusByLocale":"status {1}"}},)"
            R"("scanEvents":[{2}]}}]}})",
            number,
            pick(k_types, stages.back()),
            join(scans)));
    }
    return {200,
            fmt::format(R"({{"transactionId":"t1","output":{{"completeTrackResults":[{}]}}}})",
                        join(completes)),
            {}};
}

FakeReply usps_reply(const std::string& number, Shipment shipment) {
    if (shipment == Shipment::forbidden) {
        return {
            403,
            R"({"apiVersion":"/tracking/v3","error":{"code":"403","message":"The requested MID is not authorized to access /tracking/v3","errors":[]}})",
            {}};
    }
    const auto stages = stages_of(shipment);
    if (stages.empty()) {
        return {
            400,
            R"({"apiVersion":"/tracking/v3","error":{"code":"400","message":"12: A status update is not yet available on your package.","errors":[{"title":"not yet","detail":"","code":"150001"}]}})",
            {}};
    }
    static constexpr std::array<std::string_view, 7> k_codes{
        "GX", "03", "10", "OF", "01", "02", "09"};
    static constexpr std::array<std::string_view, 7> k_categories{"Pre-Shipment",
                                                                  "Accepted",
                                                                  "In Transit",
                                                                  "Out for Delivery",
                                                                  "Delivered",
                                                                  "Alert",
                                                                  "Alert"};
    std::vector<std::string> events;
    for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
        events.push_back(fmt::format(
            R"({{"eventType":"event {0}","eventCode":"{0}","eventTimestamp":"2025-03-01T00:00:00",)"
            R"("GMTTimestamp":"{1}","GMTOffset":"-06:00","eventCity":"CHICAGO"}})",
            pick(k_codes, *it),
            iso_utc(*it)));
    }
    return {200,
            fmt::format(R"({{"trackingNumber":"{}","statusCategory":"{}","status":"status",)"
                        R"("trackingEvents":[{}]}})",
                        number,
                        pick(k_categories, stages.back()),
                        join(events)),
            {}};
}

FakeReply dhl_reply(const std::string& number, Shipment shipment) {
    const auto stages = stages_of(shipment);
    if (stages.empty()) {
        return {
            404,
            fmt::format(
                R"({{"title":"No result found","status":404,)"
                R"("detail":"No shipment with given tracking number found.","instance":"/shipments/{}"}})",
                number),
            {}};
    }
    static constexpr std::array<std::string_view, 7> k_codes{
        "pre-transit", "transit", "transit", "transit", "delivered", "failure", "transit"};
    static constexpr std::array<std::string_view, 7> k_texts{"Shipment information received",
                                                             "Picked up",
                                                             "Arrived at facility",
                                                             "Out for delivery",
                                                             "Delivered",
                                                             "Delivery attempt failed",
                                                             "Returned to shipper"};
    std::vector<std::string> events;
    for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
        events.push_back(fmt::format(
            R"({{"timestamp":"{}","statusCode":"{}","status":"{}","description":"{}"}})",
            iso_utc(*it),
            pick(k_codes, *it),
            pick(k_texts, *it),
            pick(k_texts, *it)));
    }
    return {200,
            fmt::format(R"({{"shipments":[{{"id":"{}","service":"express","status":{},)"
                        R"("returnFlag":{},"events":[{}]}}]}})",
                        number,
                        events.front(),
                        shipment == Shipment::returned,
                        join(events)),
            {}};
}

FakeReply track17_register_reply(const NumberShipments& items) {
    std::vector<std::string> accepted;
    for (const auto& item : items) {
        accepted.push_back(fmt::format(R"({{"number":"{}","carrier":3011}})", item.first));
    }
    return {200,
            fmt::format(R"({{"code":0,"data":{{"accepted":[{}],"rejected":[]}}}})", join(accepted)),
            {}};
}

FakeReply track17_info_reply(const NumberShipments& items) {
    static constexpr std::array<std::string_view, 7> k_subs{"InfoReceived",
                                                            "InTransit_PickedUp",
                                                            "InTransit_Arrival",
                                                            "OutForDelivery_Other",
                                                            "Delivered_Other",
                                                            "DeliveryFailure_Other",
                                                            "Exception_Returned"};
    static constexpr std::array<std::string_view, 7> k_status{"InfoReceived",
                                                              "InTransit",
                                                              "InTransit",
                                                              "OutForDelivery",
                                                              "Delivered",
                                                              "DeliveryFailure",
                                                              "Exception"};
    std::vector<std::string> accepted;
    for (const auto& [number, shipment] : items) {
        const auto stages = stages_of(shipment);
        std::vector<std::string> events;
        for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
            events.push_back(
                fmt::format(R"({{"time_utc":"{}","description":"event","location":"SHENZHEN",)"
                            R"("stage":"","sub_status":"{}"}})",
                            iso_utc(*it),
                            pick(k_subs, *it)));
        }
        const auto status =
            stages.empty() ? std::string_view("NotFound") : pick(k_status, stages.back());
        const auto sub =
            stages.empty() ? std::string_view("NotFound_Other") : pick(k_subs, stages.back());
        accepted.push_back(fmt::format(
            R"({{"number":"{}","carrier":3011,"track_info":{{"latest_status":{{"status":"{}","sub_status":"{}"}},)"
            R"("milestone":[],"tracking":{{"providers":[{{"provider":{{"key":3011}},"events":[{}]}}]}}}}}})",
            number,
            status,
            sub,
            join(events)));
    }
    return {200,
            fmt::format(R"({{"code":0,"data":{{"accepted":[{}],"rejected":[]}}}})", join(accepted)),
            {}};
}

FakeReply token_reply(const std::string& token, long long expires_in, bool as_string) {
    const auto expires =
        as_string ? fmt::format("\"{}\"", expires_in) : fmt::format("{}", expires_in);
    return {
        200,
        fmt::format(
            R"({{"token_type":"Bearer","access_token":"{}","expires_in":{},"status":"approved"}})",
            token,
            expires),
        {}};
}

FakeReply error_reply(const std::string& api, int status) {
    if (api == "fedex") {
        return {status,
                fmt::format(
                    R"({{"transactionId":"t","errors":[{{"code":"ERROR.{}","message":"fake"}}]}})",
                    status),
                {}};
    }
    if (api == "dhl") {
        return {status,
                fmt::format(R"({{"title":"error","status":{0},"detail":"fake {0}"}})", status),
                {}};
    }
    if (api == "usps") {
        return {status,
                fmt::format(
                    R"({{"apiVersion":"/tracking/v3","error":{{"code":"{}","message":"fake"}}}})",
                    status),
                {}};
    }
    return {
        status,
        fmt::format(R"({{"response":{{"errors":[{{"code":"10{}","message":"fake"}}]}}}})", status),
        {}};
}

} // namespace vtrguard::fakes
