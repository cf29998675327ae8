#include <vtrguard/http/request.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vtrguard::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
               == std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

std::string_view Reply::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) {
            return value;
        }
    }
    return {};
}

std::string_view failure_name(Failure::Kind kind) {
    switch (kind) {
    case Failure::Kind::timeout:
        return "timeout";
    case Failure::Kind::rate_limited:
        return "rate_limited";
    case Failure::Kind::server_error:
        return "server_error";
    case Failure::Kind::network:
        return "network";
    case Failure::Kind::bad_response:
        return "bad_response";
    case Failure::Kind::too_large:
        return "too_large";
    case Failure::Kind::cancelled:
        return "cancelled";
    }
    return "unknown";
}

std::chrono::seconds parse_retry_after(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
        value.remove_suffix(1);
    }
    long long seconds = 0;
    const auto* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, seconds);
    // An HTTP-date (the other allowed form) or junk reads as "not given": the caller backs off.
    if (ec != std::errc{} || ptr != end || seconds < 0) {
        return std::chrono::seconds{0};
    }
    constexpr long long k_max_seconds = 24LL * 3600;
    return std::chrono::seconds{std::min(seconds, k_max_seconds)};
}

} // namespace vtrguard::http
