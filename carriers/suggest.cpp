#include <vtrguard/carriers/check_digits.hpp>
#include <vtrguard/carriers/countries.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <algorithm>

namespace vtrguard::carriers {

namespace {

// The character a confusable one is typed for, or 0. Only pairs that look alike on a label or
// sit side by side in handwriting: a wider table finds more "fixes" that are mere coincidences.
char confused_with(char c) {
    switch (c) {
    case 'O':
        return '0';
    case '0':
        return 'O';
    case 'I':
        return '1';
    case '1':
        return 'I';
    case 'S':
        return '5';
    case '5':
        return 'S';
    case 'B':
        return '8';
    case '8':
        return 'B';
    default:
        return 0;
    }
}

bool is_letter(char c) {
    return c >= 'A' && c <= 'Z';
}

// How likely a fix is the one the seller needs. A fix that turns a character the format (or
// its usual shape: UPS's service and package fields are digits) does not take into one it
// takes has found the typo; a fix of a number already in shape (a swap that happens to satisfy
// the check digit) is only possible.
enum class FixRank : int { possible = 1, finds_the_typo = 2 };

// The distinct valid fixes of the best rank found so far; only a single one becomes a
// suggestion.
class Fixes {
public:
    void add(std::string_view text, SuggestionKind kind, FixRank rank) {
        if (rank < m_rank) {
            return;
        }
        if (rank > m_rank) {
            m_rank = rank;
            m_count = 0;
        }
        if (m_count > 0 && m_first.text() == text) {
            return;
        }
        if (m_count == 0) {
            std::copy(text.begin(), text.end(), m_first.buffer.begin());
            m_first.length = text.size();
            m_first.kind = kind;
        }
        ++m_count;
    }

    // Two equally good fixes of the best rank: nothing found later can single one out.
    bool is_settled() const { return m_count > 1 && m_rank == FixRank::finds_the_typo; }

    std::optional<Suggestion> single() const {
        return m_count == 1 ? std::optional<Suggestion>(m_first) : std::nullopt;
    }

private:
    Suggestion m_first;
    FixRank m_rank = FixRank::possible;
    int m_count = 0;
};

// Writes into `work` the number with every character `pattern` forbids replaced by its allowed
// look-alike. False when nothing needed replacing or a forbidden character has no look-alike.
bool fix_look_alikes(std::string_view number,
                     const CompiledPattern& pattern,
                     std::array<char, k_max_number_length>& work) {
    const auto& masks = pattern.position_masks;
    if (masks.size() != number.size()) {
        return false; // variable-length patterns: the single replacements below cover them
    }
    bool is_changed = false;
    for (std::size_t i = 0; i < number.size(); ++i) {
        work[i] = number[i];
        if ((char_bit(number[i]) & masks[i]) != 0) {
            continue;
        }
        const char other = confused_with(number[i]);
        if (other == 0 || (char_bit(other) & masks[i]) == 0) {
            return false;
        }
        work[i] = other;
        is_changed = true;
    }
    return is_changed;
}

// Whether `number` has the shape most numbers of the format have: its usual shape when the
// format names one, its pattern otherwise.
bool fits_usual_shape(const CompiledFormat& format, std::string_view number) {
    if (format.usual.empty()) {
        return format.pattern.matches(number);
    }
    return std::any_of(format.usual.begin(), format.usual.end(), [&](const CompiledPattern& usual) {
        return usual.matches(number);
    });
}

bool is_worth_fixing(const Verdict& verdict) {
    if (verdict.normalized.is_too_long() || verdict.normalized.full_length == 0) {
        return false;
    }
    switch (verdict.reason) {
    case Reason::bad_check_digit:
    case Reason::unknown_format:
    case Reason::bad_length: // a format of this length may still fit once a look-alike is fixed
        return true;
    case Reason::bad_charset:
        // A character no format uses anywhere (a `#`, an emoji) has no look-alike to try.
        return !verdict.normalized.has_bad_char;
    default:
        return false;
    }
}

} // namespace

std::optional<FormatId> Validator::valid_format(std::string_view number,
                                                std::optional<CarrierId> declared,
                                                std::optional<CarrierId> target) const {
    const NumberShape shape = shape_of(number);
    if (!shape.is_alphanumeric) {
        return std::nullopt;
    }
    const auto is_valid_for = [&](const SlotFormat& format) {
        if ((target && format.carrier != *target)
            || (format.needs_declared && declared != format.carrier)
            || !m_rules->matches(format, number, shape)) {
            return false;
        }
        const bool is_country_ok =
            !format.country_suffix || is_country_code(number.substr(number.size() - 2));
        return is_country_ok
               && (!format.has_check
                   || check_digit_matches(m_rules->format_spec(format.format).check,
                                          number,
                                          format.serial_begin,
                                          format.serial_end,
                                          format.check_at));
    };
    for (const SlotFormat& format : m_rules->slot_formats(number.size(), number.front())) {
        if (is_valid_for(format)) {
            return format.format;
        }
    }
    const SlotFormat* national = m_rules->suffix_format(number);
    return national != nullptr && is_valid_for(*national)
               ? std::optional<FormatId>(national->format)
               : std::nullopt;
}

std::optional<CarrierId> Validator::barcode_carrier(std::string_view number) const {
    // Only prefixes of a fixed barcode length say whose barcode it is; "420" + ZIP in front of
    // any digits does not.
    for (const auto& prefix : m_rules->prefixes()) {
        const auto length = static_cast<std::size_t>(prefix.pattern.min_length);
        if (prefix.number_length != 0 && number.size() == length + prefix.number_length
            && prefix.pattern.matches(number.substr(0, length))) {
            return prefix.carrier;
        }
    }
    return std::nullopt;
}

void Validator::suggest_prefix_fix(std::string_view number, Verdict& verdict) const {
    if (verdict.reason != Reason::routing_prefix && verdict.reason != Reason::barcode_data) {
        return;
    }
    Suggestion fix;
    fix.kind = verdict.reason == Reason::routing_prefix ? SuggestionKind::strip_routing_prefix
                                                        : SuggestionKind::extract_from_barcode;
    const auto inner = number.substr(verdict.prefix_length);
    std::copy(inner.begin(), inner.end(), fix.buffer.begin());
    fix.length = inner.size();
    verdict.fix = fix;
}

void Validator::suggest_typo_fix(Verdict& verdict) const {
    if (verdict.fix) {
        return;
    }
    const std::string_view number = verdict.normalized.text();
    if (!is_worth_fixing(verdict)) {
        return;
    }
    // The fix must be the declared carrier's number or, when the shape already names a carrier
    // (a check digit that fails, a known head with a wrong length), that carrier's: a swap that
    // turns a FedEx barcode into a USPS number is a coincidence, not a correction.
    const auto declared = verdict.declared;
    const auto primary = verdict.primary_format();
    const auto target = declared
                            ? declared
                            : (primary ? std::optional<CarrierId>(m_rules->format(*primary).carrier)
                                       : barcode_carrier(number));
    Fixes fixes;
    std::array<char, k_max_number_length> work{};
    std::copy(number.begin(), number.end(), work.begin());
    const std::string_view candidate(work.data(), number.size());
    const auto try_fix = [&](SuggestionKind kind) {
        const auto format = valid_format(candidate, declared, target);
        if (!format) {
            return;
        }
        const auto& compiled = m_rules->format(*format);
        const bool is_typo_found =
            fits_usual_shape(compiled, candidate) && !fits_usual_shape(compiled, number);
        fixes.add(candidate, kind, is_typo_found ? FixRank::finds_the_typo : FixRank::possible);
    };

    // Look-alikes where a format forbids what was typed: each such character becomes its
    // look-alike, all at once (a seller who types O for 0 does so throughout).
    for (const char first : {number.front(), confused_with(number.front())}) {
        if (first == 0) {
            continue;
        }
        for (const FormatId id : m_rules->candidates(number.size(), first)) {
            if (fixes.is_settled()) {
                break;
            }
            if (fix_look_alikes(number, m_rules->format(id).pattern, work)) {
                try_fix(SuggestionKind::letter_for_digit);
            }
        }
    }
    // Where a letter is allowed too (UPS's 1Z serial), a letter typed for a digit still breaks
    // the check digit: try each one alone. The other way round would pass a check by chance.
    std::copy(number.begin(), number.end(), work.begin());
    for (std::size_t i = 0; i < number.size() && !fixes.is_settled(); ++i) {
        const char other = confused_with(number[i]);
        if (other == 0 || !is_letter(number[i])) {
            continue;
        }
        work[i] = other;
        try_fix(SuggestionKind::letter_for_digit);
        work[i] = number[i];
    }
    // One pair of neighbours swapped: the other typing slip a check digit is built to catch.
    for (std::size_t i = 0; i + 1 < number.size() && !fixes.is_settled(); ++i) {
        if (number[i] == number[i + 1]) {
            continue;
        }
        std::swap(work[i], work[i + 1]);
        try_fix(SuggestionKind::transposition);
        std::swap(work[i], work[i + 1]);
    }
    verdict.fix = fixes.single();
}

} // namespace vtrguard::carriers
