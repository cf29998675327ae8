#include <vtrguard/carriers/check_digits.hpp>
#include <vtrguard/carriers/countries.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <algorithm>
#include <bit>

namespace vtrguard::carriers {

namespace {

bool has_country_suffix(std::string_view number) {
    return number.size() >= 2 && is_country_code(number.substr(number.size() - 2));
}

// std::has_single_bit, without the library call to popcount it becomes on baseline x86-64.
bool is_single_char(CharMask mask) {
    return mask != 0 && (mask & (mask - 1)) == 0;
}

Reason prefix_reason(PrefixKind kind) {
    return kind == PrefixKind::routing ? Reason::routing_prefix : Reason::barcode_data;
}

void insert_sorted(Verdict& verdict, const Reading& reading) {
    if (verdict.reading_count == k_max_readings) {
        if (verdict.readings.back().score >= reading.score) {
            return;
        }
        --verdict.reading_count;
    }
    std::size_t at = verdict.reading_count;
    while (at > 0 && verdict.readings[at - 1].score < reading.score) {
        verdict.readings[at] = verdict.readings[at - 1];
        --at;
    }
    verdict.readings[at] = reading;
    ++verdict.reading_count;
}

} // namespace

Verdict Validator::validate(std::string_view raw, std::optional<CarrierId> declared) const {
    Verdict verdict;
    normalize(raw, verdict.normalized); // in place: a copy would cost as much as the rest
    verdict.declared = declared;
    const auto& normalized = verdict.normalized;
    if (normalized.full_length == 0) {
        verdict.reason = Reason::empty;
        return verdict;
    }
    if (normalized.has_bad_char) {
        verdict.reason = Reason::bad_charset;
        return verdict;
    }
    if (normalized.is_too_long()) {
        verdict.reason = Reason::bad_length;
        return verdict;
    }
    const std::string_view number = normalized.text();
    collect_readings(number, alphanumeric_shape(number, normalized.digit_positions), verdict);
    if (m_rules->may_have_prefix(number.front())) {
        collect_prefixed(number, verdict);
    }

    if (declared) {
        const Reading* best = best_for(verdict, declared);
        if (best != nullptr) {
            // The declared carrier's reading leads; the others stay listed as candidates.
            const auto at = verdict.readings.begin() + (best - verdict.readings.data());
            std::rotate(verdict.readings.begin(), at, at + 1);
            verdict.reason = Reason::ok;
            return verdict;
        }
    } else if (verdict.reading_count > 0 && is_check_failure_likelier(verdict)) {
        // A mistyped number of a checked format that a looser, check-less format also fits:
        // the failed check is the answer, the looser reading stays listed among the candidates.
        verdict.reason = Reason::bad_check_digit;
        return verdict;
    } else if (verdict.reading_count > 0) {
        const bool is_prefix_better =
            verdict.prefixed && verdict.prefixed->score > verdict.readings[0].score;
        if (!is_prefix_better) {
            verdict.reason = Reason::ok;
            return verdict;
        }
        verdict.reason = prefix_reason(verdict.prefix_kind);
        suggest_prefix_fix(number, verdict);
        return verdict;
    }
    verdict.reason = classify_failure(number, verdict);
    if (verdict.reason == Reason::unknown_format || verdict.reason == Reason::bad_length) {
        verdict.length_miss = find_length_miss(number, declared);
        if (verdict.length_miss) {
            verdict.reason = Reason::bad_length;
        }
    }
    suggest_prefix_fix(number, verdict);
    return verdict;
}

void Validator::collect_readings(std::string_view number,
                                 const NumberShape& shape,
                                 Verdict& verdict) const {
    if (!shape.is_alphanumeric) {
        return; // no format allows anything else
    }
    // The formats of a slot that share a check (a national S10 format and the `postal`
    // catch-all, the 20-digit USPS readings) compute it once: bit i of `checked` says whether
    // the slot's check i has been computed, the same bit of `passed` whether it verified.
    std::uint32_t checked = 0;
    std::uint32_t passed = 0;
    bool is_near_miss_declared = false;
    const auto consider = [&](const SlotFormat& format) {
        // Bare digit runs are skipped before matching: they share lengths with most numbers.
        if ((format.needs_declared && verdict.declared != format.carrier)
            || !m_rules->matches(format, number, shape)) {
            return;
        }
        if (format.country_suffix && !has_country_suffix(number)) {
            return;
        }
        bool is_check_ok = true;
        if (format.has_check) {
            const std::uint32_t bit = format.check < k_max_shared_checks
                                          ? std::uint32_t{1} << format.check
                                          : std::uint32_t{0};
            if ((checked & bit) == 0) {
                is_check_ok = check_digit_matches(m_rules->format_spec(format.format).check,
                                                  number,
                                                  format.serial_begin,
                                                  format.serial_end,
                                                  format.check_at);
                checked |= bit;
                passed |= is_check_ok ? bit : 0;
            } else {
                is_check_ok = (passed & bit) != 0;
            }
        }
        if (!is_check_ok) {
            // The declared carrier's near miss is the one to report, whatever scores higher.
            const bool is_declared = verdict.declared == format.carrier;
            if ((is_declared && !is_near_miss_declared)
                || (is_declared == is_near_miss_declared
                    && format.score > verdict.near_miss_score)) {
                verdict.near_miss_score = format.score;
                verdict.near_miss = format.format;
                is_near_miss_declared = is_declared;
            }
            return;
        }
        insert_sorted(verdict, Reading{format.format, format.has_check, format.score});
    };
    for (const SlotFormat& format : m_rules->slot_formats(number.size(), number.front())) {
        consider(format);
    }
    if (const SlotFormat* national = m_rules->suffix_format(number)) {
        consider(*national);
    }
}

void Validator::collect_prefixed(std::string_view number, Verdict& verdict) const {
    for (const auto& prefix : m_rules->prefixes()) {
        const auto length = static_cast<std::size_t>(prefix.pattern.min_length);
        const bool is_length_ok = prefix.number_length == 0
                                      ? number.size() > length
                                      : number.size() == length + prefix.number_length;
        if (!is_length_ok || !prefix.pattern.matches(number.substr(0, length))) {
            continue;
        }
        Verdict inner;
        inner.declared = verdict.declared;
        const auto rest = number.substr(length);
        collect_readings(rest, shape_of(rest), inner);
        for (const auto& reading : inner.all_readings()) {
            if (m_rules->format(reading.format).carrier != prefix.carrier) {
                continue;
            }
            Reading prefixed = reading;
            prefixed.score += prefix.pattern.specificity(prefix.pattern.min_length);
            if (!verdict.prefixed || verdict.prefixed->score < prefixed.score) {
                verdict.prefixed = prefixed;
                verdict.prefix_length = length;
                verdict.prefix_kind = prefix.kind;
            }
            break;
        }
    }
}

Reason Validator::classify_failure(std::string_view number, const Verdict& verdict) const {
    const auto declared = verdict.declared;
    const bool is_prefixed_for_declared =
        verdict.prefixed
        && (!declared || m_rules->format(verdict.prefixed->format).carrier == *declared);
    if (is_prefixed_for_declared) {
        return prefix_reason(verdict.prefix_kind);
    }
    const bool is_near_miss_for_declared =
        verdict.near_miss
        && (!declared || m_rules->format(*verdict.near_miss).carrier == *declared);
    if (verdict.reading_count > 0) {
        // Valid for another carrier: a mismatch, unless that reading is shape-only and the
        // declared carrier's checked format explains the number at least as well.
        return is_near_miss_for_declared && is_check_failure_likelier(verdict)
                   ? Reason::bad_check_digit
                   : Reason::carrier_mismatch;
    }
    if (is_near_miss_for_declared) {
        return Reason::bad_check_digit;
    }
    // The number holds only digits and upper-case letters here: when the formats allow all of
    // them (as all carriers together do), there is nothing to look for.
    const CharMask allowed = m_rules->allowed_chars(declared);
    const bool is_charset_ok = (allowed | k_digit_chars | k_letter_chars) == allowed
                               || std::all_of(number.begin(), number.end(), [&](char c) {
                                      return (char_bit(c) & allowed) != 0;
                                  });
    if (!is_charset_ok) {
        return Reason::bad_charset;
    }
    if (!m_rules->has_length(number.size(), declared)) {
        return Reason::bad_length;
    }
    return Reason::unknown_format;
}

std::optional<FormatId> Validator::find_length_miss(std::string_view number,
                                                    std::optional<CarrierId> declared) const {
    // A number that starts with a format's distinctive literal ("1Z", "TBA") but has the wrong
    // length is that carrier's number with a character missing or doubled: say so. Unless
    // another carrier's format with the same head has the number's length (Yodel's JJD + 16
    // digits beside DHL Paket's JJD + 18): then the length is right, something else is wrong.
    constexpr std::size_t k_min_literal = 2;
    std::optional<FormatId> miss;
    std::optional<CarrierId> fitting; // a carrier whose head and length both fit
    for (const FormatId id : m_rules->literal_heads(number.front())) {
        const auto& format = m_rules->format(id);
        if (declared ? format.carrier != *declared : m_rules->format_spec(id).needs_declared) {
            continue;
        }
        const auto& masks = format.pattern.position_masks;
        std::size_t literal = 0;
        while (literal < masks.size() && literal < number.size() && is_single_char(masks[literal])
               && (char_bit(number[literal]) & masks[literal]) != 0) {
            ++literal;
        }
        const bool is_literal_head =
            literal >= k_min_literal && literal < masks.size() && !is_single_char(masks[literal]);
        if (!is_literal_head) {
            continue;
        }
        if (number.size() == masks.size()) {
            fitting = format.carrier;
        } else if (!miss
                   || m_rules->format_spec(id).priority > m_rules->format_spec(*miss).priority) {
            miss = id; // OnTrac's copy of LaserShip's 1LS (priority -1) names LaserShip
        }
    }
    const bool is_other_carrier_fitting =
        miss && fitting && *fitting != m_rules->format(*miss).carrier;
    return is_other_carrier_fitting ? std::nullopt : miss;
}

bool Validator::is_check_failure_likelier(const Verdict& verdict) {
    // Only a shape-only best reading gives way, and only to a checked format whose shape is at
    // least as specific: DHL eCommerce's `LX` + 10-39 characters gives way to a failed S10
    // check, Amazon's narrower `[AFC]` + 10 digits does not give way to UPS's waybill.
    if (!verdict.near_miss || verdict.readings[0].is_check_verified) {
        return false;
    }
    return verdict.near_miss_score - k_verified_bonus >= verdict.readings[0].score;
}

const Reading* Validator::best_for(const Verdict& verdict, std::optional<CarrierId> carrier) const {
    for (const auto& reading : verdict.all_readings()) {
        if (!carrier || m_rules->format(reading.format).carrier == *carrier) {
            return &reading;
        }
    }
    return nullptr;
}

} // namespace vtrguard::carriers
