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
    case Reason::barcode_data:
        return "barcode_data";
    }
    return "unknown_format";
}

std::string_view suggestion_kind_name(SuggestionKind kind) {
    switch (kind) {
    case SuggestionKind::none:
        return "none";
    case SuggestionKind::strip_routing_prefix:
        return "strip_routing_prefix";
    case SuggestionKind::extract_from_barcode:
        return "extract_from_barcode";
    case SuggestionKind::letter_for_digit:
        return "letter_for_digit";
    case SuggestionKind::transposition:
        return "transposition";
    }
    return "none";
}

std::optional<FormatId> Verdict::primary_format() const {
    switch (reason) {
    case Reason::ok:
    case Reason::carrier_mismatch:
        return reading_count > 0 ? std::optional<FormatId>(readings[0].format) : std::nullopt;
    case Reason::routing_prefix:
    case Reason::barcode_data:
        return prefixed ? std::optional<FormatId>(prefixed->format) : std::nullopt;
    case Reason::bad_check_digit:
        return near_miss;
    case Reason::bad_length:
        return length_miss;
    default:
        return std::nullopt;
    }
}

} // namespace vtrguard::carriers
