#pragma once

#include <tl/expected.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::carriers {

// Seconds since 1970-01-01T00:00:00Z. The pure engine never reads the clock, so times travel as
// plain numbers and the callers turn them into time points.
using UnixSeconds = std::int64_t;

// Our status taxonomy (docs/carriers-online.md): the same words for every carrier.
enum class TrackStatus : std::uint8_t {
    not_found,
    label_created,
    in_transit,
    out_for_delivery,
    delivered,
    exception,
    returned,
};

std::string_view track_status_name(TrackStatus status);

// One carrier event as reported, with our judgement whether it is a physical scan.
struct TrackEvent {
    std::optional<UnixSeconds> time; // UTC; nullopt when the carrier gave none we can read
    std::string code;                // the carrier's own event code
    std::string description;
    std::string location;
    bool is_physical = false; // a hand or machine touched the parcel (not a label/manifest event)
};

// What a carrier knows about one number, normalised.
struct TrackResult {
    std::string number;
    TrackStatus status = TrackStatus::not_found;
    bool has_physical_scan = false;
    std::optional<UnixSeconds> first_scan; // earliest physical event
    std::vector<TrackEvent> events;        // oldest first
    std::string carrier_status;            // the carrier's own status text, for people
};

// Why a carrier answer could not be used. The kind tells the caller what to do next.
enum class ApiErrorKind : std::uint8_t {
    bad_response, // unreadable body: retry later, never trust
    unauthorized, // token or key refused: refresh the token once, then give up
    forbidden,    // the account may not see this number (USPS MID gate): not "not found"
    throttled,    // rate or quota limit hit: back off
    transient,    // the carrier's own trouble: retry with backoff
    rejected,     // the carrier refused the request itself: do not retry
};

std::string_view api_error_name(ApiErrorKind kind);

struct ApiError {
    ApiErrorKind kind = ApiErrorKind::bad_response;
    std::string message; // carrier code and text; never holds a secret
};

template <typename T>
using ApiResult = tl::expected<T, ApiError>;

inline tl::unexpected<ApiError> api_fail(ApiErrorKind kind, std::string message) {
    return tl::unexpected<ApiError>(ApiError{kind, std::move(message)});
}

// The answer for one number out of a (possibly batched) response.
struct ItemOutcome {
    std::string number;
    ApiResult<TrackResult> result;
};

// Fills has_physical_scan, first_scan and sorts events oldest first. Every parser ends with it.
void finish_result(TrackResult& result);

} // namespace vtrguard::carriers
