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

// The distinct valid fixes found so far; only a single one becomes a suggestion.
class Fixes {
public:
    void add(std::string_view text, SuggestionKind kind) {
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

    bool is_ambiguous() const { return m_count > 1; }

    std::optional<Suggestion> single() const {
        return m_count == 1 ? std::optional<Suggestion>(m_first) : std::nullopt;
    }

private:
    Suggestion m_first;
    int m_count = 0;
};

bool is_worth_fixing(const Verdict& verdict) {
    switch (verdict.reason) {
    case Reason::bad_check_digit:
    case Reason::unknown_format:
        return true;
    case Reason::bad_charset:
        // A character no format uses anywhere (a `#`, an emoji) has no look-alike to try.
        return !verdict.normalized.has_bad_char;
    default:
        return false;
    }
}

} // namespace

bool Validator::is_valid_as(std::string_view number, std::optional<CarrierId> declared) const {
    for (const FormatId id : m_rules->candidates(number.size(), number.front())) {
        const auto& format = m_rules->format(id);
        if (declared && format.carrier != *declared) {
            continue;
        }
        const auto& spec = m_rules->format_spec(id);
        if (spec.needs_declared && declared != format.carrier) {
            continue;
        }
        if (!format.pattern.matches(number)) {
            continue;
        }
        const bool is_country_ok =
            !spec.country_suffix || !country_name(number.substr(number.size() - 2)).empty();
        if (is_country_ok && check_digit_matches(spec.check, number)) {
            return true;
        }
    }
    return false;
}

void Validator::suggest_fix(std::string_view number, Verdict& verdict) const {
    if (verdict.reason == Reason::routing_prefix || verdict.reason == Reason::barcode_data) {
        Suggestion fix;
        fix.kind = verdict.reason == Reason::routing_prefix ? SuggestionKind::strip_routing_prefix
                                                            : SuggestionKind::extract_from_barcode;
        const auto inner = number.substr(verdict.prefix_length);
        std::copy(inner.begin(), inner.end(), fix.buffer.begin());
        fix.length = inner.size();
        verdict.fix = fix;
        return;
    }
    if (!is_worth_fixing(verdict)) {
        return;
    }
    const auto declared = verdict.declared;
    Fixes fixes;
    std::array<char, k_max_number_length> work{};
    std::copy(number.begin(), number.end(), work.begin());
    const std::string_view candidate(work.data(), number.size());

    // Look-alikes: every letter turned into its digit at once (a seller who types O for 0 does so
    // throughout), then each look-alike alone. A digit becomes a letter only when the shape is
    // wrong: where the shape holds, such a "fix" passes a check digit by coincidence.
    bool has_confusable_letter = false;
    for (std::size_t i = 0; i < number.size(); ++i) {
        const char other = confused_with(number[i]);
        if (other != 0 && is_letter(number[i])) {
            work[i] = other;
            has_confusable_letter = true;
        }
    }
    if (has_confusable_letter && is_valid_as(candidate, declared)) {
        fixes.add(candidate, SuggestionKind::letter_for_digit);
    }
    std::copy(number.begin(), number.end(), work.begin());
    const bool is_shape_wrong = verdict.reason != Reason::bad_check_digit;
    for (std::size_t i = 0; i < number.size() && !fixes.is_ambiguous(); ++i) {
        const char other = confused_with(number[i]);
        if (other == 0 || (!is_letter(number[i]) && !is_shape_wrong)) {
            continue;
        }
        work[i] = other;
        if (is_valid_as(candidate, declared)) {
            fixes.add(candidate, SuggestionKind::letter_for_digit);
        }
        work[i] = number[i];
    }
    // One pair of neighbours swapped: the other typing slip a check digit is built to catch.
    for (std::size_t i = 0; i + 1 < number.size() && !fixes.is_ambiguous(); ++i) {
        if (number[i] == number[i + 1]) {
            continue;
        }
        std::swap(work[i], work[i + 1]);
        if (is_valid_as(candidate, declared)) {
            fixes.add(candidate, SuggestionKind::transposition);
        }
        std::swap(work[i], work[i + 1]);
    }
    verdict.fix = fixes.single();
}

} // namespace vtrguard::carriers
