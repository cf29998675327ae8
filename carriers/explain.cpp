#include <vtrguard/carriers/explain.hpp>

namespace vtrguard::carriers {

namespace {

std::string carrier_name(const Ruleset& rules, std::optional<CarrierId> carrier) {
    return carrier ? rules.carrier(*carrier).name : std::string("any known carrier");
}

// "no UPS" for a declared carrier, "no known carrier's" otherwise, to stand before "format"
// or "number": "no any known carrier format" is not English.
std::string no_carrier(const Ruleset& rules, std::optional<CarrierId> carrier) {
    return carrier ? "no " + rules.carrier(*carrier).name : std::string("no known carrier's");
}

std::string service_of(const Ruleset& rules, FormatId format) {
    return rules.format_spec(format).service;
}

std::string describe(const Verdict& verdict, const Ruleset& rules) {
    const auto& normalized = verdict.normalized;
    switch (verdict.reason) {
    case Reason::ok:
        return {};
    case Reason::empty:
        return "no tracking number was given";
    case Reason::bad_charset:
        if (normalized.is_invalid_utf8) {
            return "the input is not valid UTF-8 (byte " + std::to_string(normalized.first_bad_at)
                   + "); retype the number";
        }
        if (normalized.has_bad_char) {
            return "character at byte " + std::to_string(normalized.first_bad_at)
                   + " is not used in tracking numbers; remove it";
        }
        return "holds characters " + no_carrier(rules, verdict.declared)
               + " number uses; check for a letter O typed for a zero or a stray character";
    case Reason::bad_length:
        if (verdict.length_miss) {
            const auto& pattern = rules.format(*verdict.length_miss).pattern;
            return std::to_string(normalized.full_length) + " characters, but "
                   + service_of(rules, *verdict.length_miss) + " numbers have "
                   + std::to_string(pattern.min_length) + "; a character is missing or doubled";
        }
        return std::to_string(normalized.full_length)
               + " characters: " + no_carrier(rules, verdict.declared)
               + " format has that length; a character is missing or doubled";
    case Reason::bad_check_digit:
        return "the check digit does not match " + service_of(rules, *verdict.near_miss)
               + ": a character is mistyped or two are swapped";
    case Reason::unknown_format:
        return verdict.declared ? "matches no " + carrier_name(rules, verdict.declared) + " format"
                                : std::string("matches no known carrier's format");
    case Reason::carrier_mismatch: {
        const FormatId format = verdict.readings[0].format;
        return "a valid " + service_of(rules, format) + " number, but declared as "
               + carrier_name(rules, verdict.declared) + "; correct the carrier";
    }
    case Reason::routing_prefix:
        return "a scanned barcode with its routing prefix (" + std::to_string(verdict.prefix_length)
               + " characters); upload " + std::string(verdict.suggestion()) + " instead";
    case Reason::barcode_data:
        return "the whole barcode string was read; the tracking number inside is "
               + std::string(verdict.suggestion()) + ": upload that instead";
    }
    return {};
}

} // namespace

std::string explain(const Verdict& verdict, const Ruleset& rules) {
    std::string message = describe(verdict, rules);
    switch (verdict.suggestion_kind()) {
    case SuggestionKind::letter_for_digit:
        message += "; did you mean " + std::string(verdict.suggestion())
                   + " (a letter and a digit that look alike)?";
        break;
    case SuggestionKind::transposition:
        message += "; did you mean " + std::string(verdict.suggestion())
                   + " (two neighbouring characters swapped)?";
        break;
    default:
        break;
    }
    return message;
}

} // namespace vtrguard::carriers
