#include "api_common.hpp"
#include "json_access.hpp"
#include "tracking_apis.hpp"

namespace vtrguard::carriers {

std::unique_ptr<TrackingApi> make_tracking_api(std::string_view code) {
    if (code == "ups") {
        return make_ups_api();
    }
    if (code == "fedex") {
        return make_fedex_api();
    }
    if (code == "usps") {
        return make_usps_api();
    }
    if (code == "dhl") {
        return make_dhl_api();
    }
    if (code == "17track") {
        return make_track17_api();
    }
    return nullptr;
}

ApiResult<TokenGrant> parse_token_response(int http_status, std::string_view body) {
    auto document = json::parse(body, "token");
    if (http_status != 200) {
        // OAuth errors: {"error","error_description"} or a carrier `errors` list. Both describe
        // the request, never echo the secret.
        std::string detail = "token request refused";
        if (document) {
            const auto error = json::text(&*document, "error");
            if (!error.empty()) {
                detail = std::string(error);
            }
        }
        auto failure = refusal_error("token", http_status, document.has_value(), detail);
        if (document && (http_status == 400 || http_status == 403)) {
            failure.kind = ApiErrorKind::unauthorized; // bad client id or secret
        }
        return tl::unexpected(std::move(failure));
    }
    if (!document) {
        return tl::unexpected(document.error());
    }
    TokenGrant grant;
    grant.access_token = std::string(json::text(&*document, "access_token"));
    grant.expires_in_seconds = json::integer(&*document, "expires_in").value_or(0);
    if (grant.access_token.empty() || grant.expires_in_seconds <= 0) {
        return api_fail(ApiErrorKind::bad_response,
                        "token: reply lacks access_token or expires_in");
    }
    return grant;
}

} // namespace vtrguard::carriers
