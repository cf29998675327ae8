#pragma once

// Helpers every carrier API shares: status-code classification and small builders.

#include <vtrguard/carriers/tracking.hpp>
#include <vtrguard/carriers/tracking_api.hpp>

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::carriers {

// The error an HTTP status other than the expected one means: 401 unauthorized, 403 forbidden,
// 429 throttled, 5xx transient, anything else rejected.
ApiError status_error(std::string_view carrier, int http_status, std::string_view detail);

// status_error() for a refusal whose body may not have arrived whole. A status that would reject
// the request (400, 404…) with a body that cannot be read (cut, HTML, empty) is an unreadable
// answer, retried like any other: the carrier's reason, such as USPS's "not found" in a 400
// body, was lost on the way.
ApiError refusal_error(std::string_view carrier,
                       int http_status,
                       bool is_body_readable,
                       std::string_view detail);

// A `not_found` result for `number`.
TrackResult not_found(std::string_view number);

// Outcomes saying the same `error` for every query.
std::vector<ItemOutcome> all_failed(std::span<const TrackQuery> queries, const ApiError& error);

// Whether `haystack` contains `needle`, ignoring ASCII case.
bool contains_nocase(std::string_view haystack, std::string_view needle);

// The parts appended in order (GCC 12 warns falsely on chains of string operator+).
std::string concat(std::initializer_list<std::string_view> parts);

} // namespace vtrguard::carriers
