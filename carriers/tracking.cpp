#include "api_common.hpp"

#include <algorithm>
#include <cctype>

namespace vtrguard::carriers {

std::string_view track_status_name(TrackStatus status) {
    switch (status) {
    case TrackStatus::not_found:
        return "not_found";
    case TrackStatus::label_created:
        return "label_created";
    case TrackStatus::in_transit:
        return "in_transit";
    case TrackStatus::out_for_delivery:
        return "out_for_delivery";
    case TrackStatus::delivered:
        return "delivered";
    case TrackStatus::exception:
        return "exception";
    case TrackStatus::returned:
        return "returned";
    }
    return "unknown";
}

std::string_view api_error_name(ApiErrorKind kind) {
    switch (kind) {
    case ApiErrorKind::bad_response:
        return "bad_response";
    case ApiErrorKind::unauthorized:
        return "unauthorized";
    case ApiErrorKind::forbidden:
        return "forbidden";
    case ApiErrorKind::throttled:
        return "throttled";
    case ApiErrorKind::transient:
        return "transient";
    case ApiErrorKind::rejected:
        return "rejected";
    }
    return "unknown";
}

void finish_result(TrackResult& result) {
    const bool is_all_timed = std::all_of(result.events.begin(),
                                          result.events.end(),
                                          [](const TrackEvent& event) { return event.time; });
    if (is_all_timed) {
        std::stable_sort(
            result.events.begin(),
            result.events.end(),
            [](const TrackEvent& a, const TrackEvent& b) { return *a.time < *b.time; });
    }
    for (const auto& event : result.events) {
        if (!event.is_physical) {
            continue;
        }
        result.has_physical_scan = true;
        if (event.time && (!result.first_scan || *event.time < *result.first_scan)) {
            result.first_scan = event.time;
        }
    }
}

ApiError status_error(std::string_view carrier, int http_status, std::string_view detail) {
    ApiErrorKind kind = ApiErrorKind::rejected;
    if (http_status == 401) {
        kind = ApiErrorKind::unauthorized;
    } else if (http_status == 403) {
        kind = ApiErrorKind::forbidden;
    } else if (http_status == 429) {
        kind = ApiErrorKind::throttled;
    } else if (http_status >= 500) {
        kind = ApiErrorKind::transient;
    }
    return ApiError{kind, concat({carrier, ": HTTP ", std::to_string(http_status), ": ", detail})};
}

ApiError refusal_error(std::string_view carrier,
                       int http_status,
                       bool is_body_readable,
                       std::string_view detail) {
    auto error = status_error(carrier, http_status, detail);
    if (!is_body_readable && error.kind == ApiErrorKind::rejected) {
        error.kind = ApiErrorKind::bad_response;
        error.message = concat({carrier,
                                ": HTTP ",
                                std::to_string(http_status),
                                " with an unreadable body (cut or not JSON)"});
    }
    return error;
}

TrackResult not_found(std::string_view number) {
    TrackResult result;
    result.number = std::string(number);
    result.status = TrackStatus::not_found;
    return result;
}

std::vector<ItemOutcome> all_failed(std::span<const TrackQuery> queries, const ApiError& error) {
    std::vector<ItemOutcome> outcomes;
    outcomes.reserve(queries.size());
    for (const auto& query : queries) {
        outcomes.push_back({query.number, tl::unexpected(error)});
    }
    return outcomes;
}

bool contains_nocase(std::string_view haystack, std::string_view needle) {
    const auto found = std::search(
        haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a))
                   == std::tolower(static_cast<unsigned char>(b));
        });
    return found != haystack.end();
}

std::string concat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto part : parts) {
        out.append(part);
    }
    return out;
}

std::string url_encode(std::string_view text) {
    static constexpr std::string_view k_hex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(k_hex[byte >> 4U]);
            out.push_back(k_hex[byte & 0x0FU]);
        }
    }
    return out;
}

std::string json_quote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += "\\u00";
            out.push_back("0123456789abcdef"[(static_cast<unsigned char>(c) >> 4U) & 0x0FU]);
            out.push_back("0123456789abcdef"[static_cast<unsigned char>(c) & 0x0FU]);
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
    return out;
}

} // namespace vtrguard::carriers
