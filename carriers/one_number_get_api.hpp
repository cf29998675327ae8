#pragma once

// The shape the UPS, USPS and DHL tracking APIs share: one number per GET, a JSON answer.

#include "json_access.hpp"

#include <vtrguard/carriers/tracking_api.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vtrguard::carriers {

// Who an API is: its carrier code and how it authenticates.
struct ApiIdentity {
    std::string_view code;
    AuthScheme auth = AuthScheme::api_key;
    std::string_view token_path = {};     // the OAuth schemes
    std::string_view api_key_header = {}; // AuthScheme::api_key
};

// A tracking API that looks up one number per GET and answers in JSON. The request sends the
// carrier's own headers, then `Accept: application/json`. A 404 reads as not found; any other
// status but 200 is a status_error() for the whole request unless the carrier says otherwise.
// The carrier supplies the target and reads the bodies through the private hooks. Pure and
// thread-safe, as every TrackingApi.
class OneNumberGetApi : public TrackingApi {
public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    explicit OneNumberGetApi(const ApiIdentity& identity);

    std::string_view code() const final { return m_identity.code; }

    AuthScheme auth() const final { return m_identity.auth; }

    std::string_view token_path() const final { return m_identity.token_path; }

    std::string_view api_key_header() const final { return m_identity.api_key_header; }

    ApiRequest build(std::size_t step,
                     std::span<const TrackQuery> queries,
                     const RequestContext& context) const final;

    ApiResult<std::vector<ItemOutcome>> parse(std::size_t step,
                                              int http_status,
                                              std::string_view body,
                                              std::span<const TrackQuery> queries) const final;

private:
    // Path and query of the request for `query`, starting with '/'.
    virtual std::string target(const TrackQuery& query) const = 0;

    // Headers sent before Accept; none unless the carrier overrides it.
    virtual Headers headers_before_accept(const RequestContext& context) const;

    // What a status other than 200 or 404 says about `number`, when it says something (USPS:
    // "not yet available" is not found); nullopt, the default, makes it an error for the whole
    // request. `document` is nullptr when the body is not JSON.
    virtual std::optional<ApiResult<TrackResult>> refusal_outcome(int http_status,
                                                                  const rapidjson::Value* document,
                                                                  std::string_view number) const;

    // The carrier's explanation in the body of a refusal, for the error message. `document` is
    // nullptr when the body is not JSON.
    virtual std::string refusal_detail(const rapidjson::Value* document) const = 0;

    // Reads the JSON body of a 200 for `number`. An error is about the whole reply.
    virtual ApiResult<TrackResult> read_reply(std::string_view number,
                                              const rapidjson::Value& document) const = 0;

    ApiIdentity m_identity;
};

} // namespace vtrguard::carriers
