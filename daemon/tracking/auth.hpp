#pragma once

// Building authenticated requests: the only place carrier secrets are revealed.

#include <vtrguard/carriers/tracking_api.hpp>
#include <vtrguard/core/secret.hpp>
#include <vtrguard/http/request.hpp>
#include <vtrguard/tracking/carrier_settings.hpp>

#include <string>
#include <string_view>

namespace vtrguard::tracking {

// RFC 4648 base64.
std::string base64(std::string_view bytes);

// The OAuth client-credentials request for `api` (UPS Basic, FedEx form, USPS JSON).
http::Request token_request(const CarrierSettings& settings,
                            const carriers::TrackingApi& api,
                            const core::Secret& client_secret);

// Adds the credential header to a tracking request: the bearer token, or the API key.
void add_credentials(http::Request& request,
                     const carriers::TrackingApi& api,
                     const core::Secret& token_or_key);

} // namespace vtrguard::tracking
