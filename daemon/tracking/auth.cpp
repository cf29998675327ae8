#include "auth.hpp"

namespace vtrguard::tracking {

std::string base64(std::string_view bytes) {
    static constexpr std::string_view k_alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto triple =
            (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16U)
            | (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8U)
            | static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
        out.push_back(k_alphabet[(triple >> 18U) & 63U]);
        out.push_back(k_alphabet[(triple >> 12U) & 63U]);
        out.push_back(k_alphabet[(triple >> 6U) & 63U]);
        out.push_back(k_alphabet[triple & 63U]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        unsigned triple = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16U;
        if (rest == 2) {
            triple |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8U;
        }
        out.push_back(k_alphabet[(triple >> 18U) & 63U]);
        out.push_back(k_alphabet[(triple >> 12U) & 63U]);
        out.push_back(rest == 2 ? k_alphabet[(triple >> 6U) & 63U] : '=');
        out.push_back('=');
    }
    return out;
}

http::Request token_request(const CarrierSettings& settings,
                            const carriers::TrackingApi& api,
                            const core::Secret& client_secret) {
    http::Request request;
    request.method = "POST";
    request.url = settings.base_url + std::string(api.token_path());
    request.timeout = settings.timeout;
    request.headers.emplace_back("Accept", "application/json");
    switch (api.auth()) {
    case carriers::AuthScheme::oauth_basic:
        request.headers.emplace_back(
            "Authorization", "Basic " + base64(settings.client_id + ":" + client_secret.reveal()));
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        request.body = "grant_type=client_credentials";
        break;
    case carriers::AuthScheme::oauth_form:
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        request.body =
            "grant_type=client_credentials&client_id=" + carriers::url_encode(settings.client_id)
            + "&client_secret=" + carriers::url_encode(client_secret.reveal());
        break;
    case carriers::AuthScheme::oauth_json:
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = R"({"grant_type":"client_credentials","client_id":)"
                       + carriers::json_quote(settings.client_id) + R"(,"client_secret":)"
                       + carriers::json_quote(client_secret.reveal()) + "}";
        break;
    case carriers::AuthScheme::api_key:
        break;
    }
    return request;
}

void add_credentials(http::Request& request,
                     const carriers::TrackingApi& api,
                     const core::Secret& token_or_key) {
    if (api.auth() == carriers::AuthScheme::api_key) {
        request.headers.emplace_back(std::string(api.api_key_header()), token_or_key.reveal());
    } else {
        request.headers.emplace_back("Authorization", "Bearer " + token_or_key.reveal());
    }
}

} // namespace vtrguard::tracking
