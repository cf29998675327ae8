#include <vtrguard/carriers/verdict.hpp>

namespace vtrguard::carriers {

std::string_view reason_name(Reason reason) {
    switch (reason) {
    case Reason::ok:
        return "ok";
    case Reason::empty:
        return "empty";
    case Reason::bad_charset:
        return "bad_charset";
    case Reason::bad_length:
        return "bad_length";
    case Reason::bad_check_digit:
        return "bad_check_digit";
    case Reason::unknown_format:
        return "unknown_format";
    case Reason::carrier_mismatch:
        return "carrier_mismatch";
    case Reason::routing_prefix:
        return "routing_prefix";
    }
    return "unknown_format";
}

std::optional<FormatId> Verdict::primary_format() const {
    switch (reason) {
    case Reason::ok:
    case Reason::carrier_mismatch:
        return reading_count > 0 ? std::optional<FormatId>(readings[0].format) : std::nullopt;
    case Reason::routing_prefix:
        return prefixed ? std::optional<FormatId>(prefixed->format) : std::nullopt;
    case Reason::bad_check_digit:
        return near_miss;
    case Reason::bad_length:
        return length_miss;
    default:
        return std::nullopt;
    }
}

std::string_view Verdict::suggestion() const {
    if (reason == Reason::routing_prefix) {
        return normalized.text().substr(prefix_length);
    }
    return {};
}

} // namespace vtrguard::carriers
