#pragma once

#include <vtrguard/carriers/tracking.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vtrguard::carriers {

// A number to look up, with the format the validator read it as (DHL picks `service` by it).
struct TrackQuery {
    std::string number;
    std::string format_id; // FormatSpec::id, may be empty
};

// An HTTP request described without secrets: the caller adds the base URL and the credentials.
struct ApiRequest {
    std::string method = "GET";
    std::string target; // path and query, starting with '/'
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// How a carrier wants to be authenticated.
enum class AuthScheme : std::uint8_t {
    oauth_basic, // client credentials in an HTTP Basic header, form body (UPS)
    oauth_form,  // client_id and client_secret in a form body (FedEx)
    oauth_json,  // client_id and client_secret in a JSON body (USPS)
    api_key,     // a key in a fixed header (DHL, 17TRACK)
};

// What a token endpoint granted.
struct TokenGrant {
    std::string access_token;
    long long expires_in_seconds = 0;
};

// Per-request values the pure code cannot make itself.
struct RequestContext {
    std::string transaction_id; // unique per request (UPS transId)
    std::string app_name = "vtrguard";
};

// One carrier's tracking API: builds request descriptions and parses bodies. Pure and
// thread-safe. An API may need several steps per batch (17TRACK registers, then queries).
class TrackingApi {
public:
    virtual ~TrackingApi() = default;
    TrackingApi() = default;
    TrackingApi(const TrackingApi&) = delete;
    TrackingApi& operator=(const TrackingApi&) = delete;
    TrackingApi(TrackingApi&&) = delete;
    TrackingApi& operator=(TrackingApi&&) = delete;

    virtual std::string_view code() const = 0; // the carrier code: `ups`
    virtual AuthScheme auth() const = 0;

    virtual std::string_view token_path() const { return {}; }

    virtual std::string_view api_key_header() const { return {}; }

    virtual std::size_t max_batch() const { return 1; }

    virtual std::size_t step_count() const { return 1; }

    // The request for `step` of looking up `queries` (at most max_batch()).
    virtual ApiRequest build(std::size_t step,
                             std::span<const TrackQuery> queries,
                             const RequestContext& context) const = 0;

    // Reads the reply to `step`. An error is about the whole request; item errors sit in the
    // outcomes. For a step before the last, the outcomes list only the numbers that must not go
    // on to the next step.
    virtual ApiResult<std::vector<ItemOutcome>>
    parse(std::size_t step,
          int http_status,
          std::string_view body,
          std::span<const TrackQuery> queries) const = 0;
};

// The API for carrier `code` (`ups`, `fedex`, `usps`, `dhl`, `17track`), or nullptr.
std::unique_ptr<TrackingApi> make_tracking_api(std::string_view code);

// Percent-encodes `text` for a URL path segment, query or form value (RFC 3986 unreserved kept).
std::string url_encode(std::string_view text);

// `text` as a JSON string literal, quotes included, control characters escaped.
std::string json_quote(std::string_view text);

// Reads an OAuth token response (expires_in as number or string). Errors never quote the token.
ApiResult<TokenGrant> parse_token_response(int http_status, std::string_view body);

} // namespace vtrguard::carriers
