#pragma once

// The Selling Partner API as the order sources speak it: LWA tokens and searchOrders (Orders
// API 2026-01-01). Both halves are pure and thread-safe: build a request, parse a reply; no
// I/O, no clock. RapidJSON stays inside sp_api.cpp.

#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/core/secret.hpp>
#include <vtrguard/http/request.hpp>
#include <vtrguard/sources/source_settings.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::sources {

// The refresh-token grant: the only place an account's client secret and refresh token are
// revealed.
http::Request token_request(const SourceSettings& settings,
                            const core::Secret& client_secret,
                            const core::Secret& refresh_token);

// What LWA answered. `token` when it granted one; `refusal` holds the OAuth error code when it
// refused the credentials themselves (invalid_grant, invalid_client, unauthorized_client):
// asking again will not help. Otherwise `error` says what was wrong with the answer.
struct TokenAnswer {
    std::optional<core::Secret> token;
    std::chrono::seconds expires_in{0};
    std::string refusal;
    std::string error;
};

TokenAnswer parse_token_reply(const http::Reply& reply);

// One searchOrders request. Exactly one of created_after / last_updated_after is set; with a
// pagination token the same filters are sent again.
struct SearchQuery {
    std::string marketplace_id;
    std::optional<core::TimePoint> created_after;
    std::optional<core::TimePoint> last_updated_after;
    std::string pagination_token;
    int max_results = 100;
};

// GET /orders/2026-01-01/orders for self-fulfilled orders, with the FULFILLMENT and PACKAGES
// datasets only (no buyer or recipient data), authorised by `access_token`.
http::Request search_request(const SourceSettings& settings,
                             const SearchQuery& query,
                             const core::Secret& access_token);

// One package as Amazon holds it.
struct SpPackage {
    std::string reference; // packageReferenceId
    std::string carrier;   // Amazon's carrier name, as confirmed
    std::string tracking_number;
    std::optional<core::TimePoint> ship_time;
    std::string status;          // packageStatus.status: IN_TRANSIT, DELIVERED…
    std::string detailed_status; // packageStatus.detailedStatus: PICKED_UP…

    bool operator==(const SpPackage&) const = default;
};

// One order of a searchOrders page: what the daemon keeps of it.
struct SpOrder {
    std::string order_id;
    std::string marketplace_id;
    std::string sales_channel; // salesChannel.channelName: Amazon.com…
    core::TimePoint created;
    core::TimePoint last_updated;
    std::optional<core::TimePoint> ship_by;    // fulfillment.shipByWindow.latestDateTime
    std::optional<core::TimePoint> deliver_by; // fulfillment.deliverByWindow.latestDateTime
    std::string fulfillment_status;            // UNSHIPPED, SHIPPED, CANCELLED…
    std::string service_level;                 // fulfillment.fulfillmentServiceLevel
    std::vector<SpPackage> packages;
};

struct SearchPage {
    std::vector<SpOrder> orders;
    std::vector<std::string> skipped; // orders that could not be read: `orders[3] (id): why`
    std::string next_token;           // empty on the last page
    std::optional<core::TimePoint> last_updated_before;
    std::optional<core::TimePoint> created_before;
};

// Reads a searchOrders body. A body that is not a JSON object with an `orders` array is an
// error (ErrorCode::network: the page is asked for again); an order missing a required field
// (orderId, createdTime, lastUpdatedTime) or with an unreadable time is skipped and named.
Result<SearchPage> parse_search_page(std::string_view body);

// The first error code of an SP-API error body (`QuotaExceeded`, `Unauthorized`…), or empty.
std::string sp_error_code(std::string_view body);

// Whether Amazon's package status says the carrier has the parcel: picked up, dropped off, in
// transit, out for delivery, delivered (a physical scan as the marketplace sees it).
bool is_scanned_status(const SpPackage& package);

} // namespace vtrguard::sources
