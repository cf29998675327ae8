#include <vtrguard/carriers/json_guard.hpp>
#include <vtrguard/carriers/tracking_api.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/sources/sp_api.hpp>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <array>

namespace vtrguard::sources {

namespace {

std::string_view string_member(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return {};
    }
    const auto found = object.FindMember(name);
    if (found == object.MemberEnd() || !found->value.IsString()) {
        return {};
    }
    return {found->value.GetString(), found->value.GetStringLength()};
}

const rapidjson::Value* object_member(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    const auto found = object.FindMember(name);
    return found != object.MemberEnd() && found->value.IsObject() ? &found->value : nullptr;
}

// An optional time: absent or empty is nullopt; present but unreadable is an error.
Result<std::optional<core::TimePoint>> optional_time(std::string_view text, std::string_view key) {
    if (text.empty()) {
        return std::nullopt;
    }
    auto time = core::parse_instant(text);
    if (!time) {
        return fail(ErrorCode::invalid_input, fmt::format("{}: {}", key, time.error().message));
    }
    return *time;
}

std::optional<std::string_view> window_end(const rapidjson::Value* fulfillment, const char* name) {
    if (fulfillment == nullptr) {
        return std::nullopt;
    }
    const auto* window = object_member(*fulfillment, name);
    if (window == nullptr) {
        return std::nullopt;
    }
    return string_member(*window, "latestDateTime");
}

Result<SpPackage> read_package(const rapidjson::Value& item) {
    SpPackage package;
    package.reference = string_member(item, "packageReferenceId");
    if (package.reference.empty()) {
        return fail(ErrorCode::invalid_input, "packageReferenceId: missing");
    }
    package.carrier = string_member(item, "carrier");
    package.tracking_number = string_member(item, "trackingNumber");
    auto ship_time = optional_time(string_member(item, "shipTime"), "shipTime");
    if (!ship_time) {
        return tl::unexpected(ship_time.error());
    }
    package.ship_time = *ship_time;
    if (const auto* status = object_member(item, "packageStatus")) {
        package.status = string_member(*status, "status");
        package.detailed_status = string_member(*status, "detailedStatus");
    }
    return package;
}

Result<SpOrder> read_order(const rapidjson::Value& item) {
    if (!item.IsObject()) {
        return fail(ErrorCode::invalid_input, "not an object");
    }
    SpOrder order;
    order.order_id = string_member(item, "orderId");
    if (order.order_id.empty()) {
        return fail(ErrorCode::invalid_input, "orderId: missing");
    }
    for (const auto& [key, out] : std::array<std::pair<const char*, core::TimePoint*>, 2>{
             {{"createdTime", &order.created}, {"lastUpdatedTime", &order.last_updated}}}) {
        const auto text = string_member(item, key);
        if (text.empty()) {
            return fail(ErrorCode::invalid_input, fmt::format("{}: missing", key));
        }
        auto time = core::parse_instant(text);
        if (!time) {
            return fail(ErrorCode::invalid_input, fmt::format("{}: {}", key, time.error().message));
        }
        *out = *time;
    }
    if (const auto* channel = object_member(item, "salesChannel")) {
        order.marketplace_id = string_member(*channel, "marketplaceId");
        order.sales_channel = string_member(*channel, "channelName");
    }
    const auto* fulfillment = object_member(item, "fulfillment");
    if (fulfillment != nullptr) {
        order.fulfillment_status = string_member(*fulfillment, "fulfillmentStatus");
        order.service_level = string_member(*fulfillment, "fulfillmentServiceLevel");
    }
    for (const auto& [name, out] :
         std::array<std::pair<const char*, std::optional<core::TimePoint>*>, 2>{
             {{"shipByWindow", &order.ship_by}, {"deliverByWindow", &order.deliver_by}}}) {
        const auto end = window_end(fulfillment, name);
        auto time = optional_time(end.value_or(""), fmt::format("{}.latestDateTime", name));
        if (!time) {
            return tl::unexpected(time.error());
        }
        *out = *time;
    }
    const auto packages = item.FindMember("packages");
    if (packages != item.MemberEnd() && packages->value.IsArray()) {
        for (rapidjson::SizeType i = 0; i < packages->value.Size(); ++i) {
            auto package = read_package(packages->value[i]);
            if (!package) {
                return fail(ErrorCode::invalid_input,
                            fmt::format("packages[{}].{}", i, package.error().message));
            }
            order.packages.push_back(std::move(*package));
        }
    }
    return order;
}

} // namespace

http::Request token_request(const SourceSettings& settings,
                            const core::Secret& client_secret,
                            const core::Secret& refresh_token) {
    http::Request request;
    request.method = "POST";
    request.url = settings.token_url;
    request.timeout = settings.timeout;
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
    request.headers.emplace_back("Accept", "application/json");
    request.body =
        "grant_type=refresh_token&refresh_token=" + carriers::url_encode(refresh_token.reveal())
        + "&client_id=" + carriers::url_encode(settings.client_id)
        + "&client_secret=" + carriers::url_encode(client_secret.reveal());
    return request;
}

TokenAnswer parse_token_reply(const http::Reply& reply) {
    TokenAnswer answer;
    rapidjson::Document document;
    document.Parse<carriers::json_guard::k_parse_flags>(reply.body.data(), reply.body.size());
    const bool is_object = !document.HasParseError() && document.IsObject();
    if (reply.status >= 400) {
        const auto code = is_object ? string_member(document, "error") : std::string_view{};
        if (code == "invalid_grant" || code == "invalid_client" || code == "unauthorized_client") {
            answer.refusal = code;
            // LWA's description names the problem, never the credential itself.
            const auto description = string_member(document, "error_description");
            answer.error = fmt::format("LWA refused the credentials: {}{}{}",
                                       code,
                                       description.empty() ? "" : ": ",
                                       description.substr(0, 200));
        } else {
            answer.error =
                fmt::format("LWA answered HTTP {}{}", reply.status, code.empty() ? "" : " ");
            answer.error += code;
        }
        return answer;
    }
    if (!is_object) {
        answer.error = "LWA's token answer is not a JSON object";
        return answer;
    }
    const auto token = string_member(document, "access_token");
    const auto expires = document.FindMember("expires_in");
    if (token.empty() || expires == document.MemberEnd() || !expires->value.IsInt64()
        || expires->value.GetInt64() <= 0) {
        answer.error = "LWA's token answer lacks access_token or expires_in";
        return answer;
    }
    answer.token = core::Secret(std::string(token));
    answer.expires_in = std::chrono::seconds{expires->value.GetInt64()};
    return answer;
}

http::Request search_request(const SourceSettings& settings,
                             const SearchQuery& query,
                             const core::Secret& access_token) {
    std::string url = settings.base_url + "/orders/2026-01-01/orders?marketplaceIds="
                      + carriers::url_encode(query.marketplace_id);
    if (query.created_after) {
        url += "&createdAfter=" + carriers::url_encode(core::format_instant(*query.created_after));
    } else if (query.last_updated_after) {
        url += "&lastUpdatedAfter="
               + carriers::url_encode(core::format_instant(*query.last_updated_after));
    }
    url += "&fulfilledBy=MERCHANT&includedData=FULFILLMENT%2CPACKAGES";
    url += fmt::format("&maxResultsPerPage={}", query.max_results);
    if (!query.pagination_token.empty()) {
        url += "&paginationToken=" + carriers::url_encode(query.pagination_token);
    }
    http::Request request;
    request.url = std::move(url);
    request.timeout = settings.timeout;
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("x-amz-access-token", access_token.reveal());
    return request;
}

Result<SearchPage> parse_search_page(std::string_view body) {
    rapidjson::Document document;
    document.Parse<carriers::json_guard::k_parse_flags>(body.data(), body.size());
    if (document.HasParseError()) {
        return fail(ErrorCode::network,
                    fmt::format("searchOrders: the body is not JSON (at byte {} of {})",
                                document.GetErrorOffset(),
                                body.size()));
    }
    // MemberEnd() is only defined on an object: ask it nothing before IsObject().
    if (!document.IsObject()) {
        return fail(ErrorCode::network, "searchOrders: the body has no `orders` array");
    }
    const auto orders = document.FindMember("orders");
    if (orders == document.MemberEnd() || !orders->value.IsArray()) {
        return fail(ErrorCode::network, "searchOrders: the body has no `orders` array");
    }
    SearchPage page;
    for (rapidjson::SizeType i = 0; i < orders->value.Size(); ++i) {
        auto order = read_order(orders->value[i]);
        if (!order) {
            const auto id = string_member(orders->value[i], "orderId");
            page.skipped.push_back(fmt::format(
                "orders[{}]{}{}: {}", i, id.empty() ? "" : " ", id, order.error().message));
            continue;
        }
        page.orders.push_back(std::move(*order));
    }
    if (const auto* pagination = object_member(document, "pagination")) {
        page.next_token = string_member(*pagination, "nextToken");
    }
    auto before = optional_time(string_member(document, "lastUpdatedBefore"), "lastUpdatedBefore");
    auto created = optional_time(string_member(document, "createdBefore"), "createdBefore");
    page.last_updated_before = before ? *before : std::nullopt;
    page.created_before = created ? *created : std::nullopt;
    return page;
}

std::string sp_error_code(std::string_view body) {
    rapidjson::Document document;
    document.Parse<carriers::json_guard::k_parse_flags>(body.data(), body.size());
    if (document.HasParseError() || !document.IsObject()) {
        return {};
    }
    const auto errors = document.FindMember("errors");
    if (errors == document.MemberEnd() || !errors->value.IsArray() || errors->value.Empty()) {
        return {};
    }
    return std::string(string_member(errors->value[0], "code"));
}

bool is_scanned_status(const SpPackage& package) {
    static constexpr std::array<std::string_view, 6> k_scanned_details{"PICKED_UP",
                                                                       "DROPPED_OFF",
                                                                       "AT_ORIGIN_FC",
                                                                       "AT_DESTINATION_FC",
                                                                       "OUT_FOR_DELIVERY",
                                                                       "DELIVERED"};
    for (const auto detail : k_scanned_details) {
        if (package.detailed_status == detail) {
            return true;
        }
    }
    return package.status == "IN_TRANSIT" || package.status == "DELIVERED";
}

} // namespace vtrguard::sources
