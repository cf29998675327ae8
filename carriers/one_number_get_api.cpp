#include "one_number_get_api.hpp"

#include "api_common.hpp"

namespace vtrguard::carriers {

OneNumberGetApi::OneNumberGetApi(const ApiIdentity& identity)
    : m_identity(identity) {}

ApiRequest OneNumberGetApi::build(std::size_t /*step*/,
                                  std::span<const TrackQuery> queries,
                                  const RequestContext& context) const {
    ApiRequest request;
    request.method = "GET";
    request.target = target(queries.front());
    request.headers = headers_before_accept(context);
    request.headers.emplace_back("Accept", "application/json");
    return request;
}

ApiResult<std::vector<ItemOutcome>>
OneNumberGetApi::parse(std::size_t /*step*/,
                       int http_status,
                       std::string_view body,
                       std::span<const TrackQuery> queries) const {
    const auto& number = queries.front().number;
    const auto only = [&number](ApiResult<TrackResult> result) {
        return std::vector<ItemOutcome>{{number, std::move(result)}};
    };
    if (http_status == 404) {
        return only(not_found(number));
    }
    auto document = json::parse(body, code());
    if (http_status != 200) {
        const rapidjson::Value* parsed = document ? &*document : nullptr;
        if (auto outcome = refusal_outcome(http_status, parsed, number)) {
            return only(std::move(*outcome));
        }
        return tl::unexpected(
            refusal_error(code(), http_status, parsed != nullptr, refusal_detail(parsed)));
    }
    if (!document) {
        return tl::unexpected(document.error());
    }
    auto result = read_reply(number, *document);
    if (!result) {
        return tl::unexpected(std::move(result.error()));
    }
    return only(std::move(result));
}

OneNumberGetApi::Headers
OneNumberGetApi::headers_before_accept(const RequestContext& /*context*/) const {
    return {};
}

std::optional<ApiResult<TrackResult>> OneNumberGetApi::refusal_outcome(
    int /*http_status*/, const rapidjson::Value* /*document*/, std::string_view /*number*/) const {
    return std::nullopt;
}

} // namespace vtrguard::carriers
