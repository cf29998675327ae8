#include <vtrguard/carriers/ruleset.hpp>

#include <algorithm>
#include <bit>
#include <string>

namespace vtrguard::carriers {

namespace {

constexpr std::size_t k_first_chars = 36;
constexpr std::size_t k_lengths = k_max_pattern_length + 1;

std::size_t first_index(char c) {
    if (c >= '0' && c <= '9') {
        return static_cast<std::size_t>(c - '0');
    }
    if (c >= 'A' && c <= 'Z') {
        return static_cast<std::size_t>(c - 'A' + 10);
    }
    return k_first_chars;
}

std::string lower(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return result;
}

bool is_code(std::string_view code) {
    return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// A position (negative from the end) lies inside every number `pattern` matches.
bool fits(int position, const CompiledPattern& pattern, bool is_exclusive_end) {
    const int limit = pattern.min_length + (is_exclusive_end ? 1 : 0);
    return position >= 0 ? position < limit : -position <= limit;
}

Result<bool> check_spec_errors(const CheckSpec& check, const CompiledPattern& pattern) {
    if (check.algorithm == CheckAlgorithm::none) {
        return true;
    }
    if (!fits(check.serial_begin, pattern, false) || !fits(check.serial_end, pattern, true)
        || !fits(check.check_at, pattern, false)) {
        return fail(ErrorCode::invalid_input,
                    "check: serial or check position lies outside the pattern's "
                        + std::to_string(pattern.min_length) + " characters");
    }
    if (check.algorithm == CheckAlgorithm::weighted_mod
        && (check.weights.empty() || check.modulo1 <= 0 || check.modulo2 <= 0)) {
        return fail(ErrorCode::invalid_input,
                    "check: weighted_mod needs weights and positive modulo1 and modulo2");
    }
    const bool is_prepend_digits = std::all_of(
        check.prepend.begin(), check.prepend.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!is_prepend_digits) {
        return fail(ErrorCode::invalid_input, "check: prepend must be digits");
    }
    return true;
}

// One mask per position of a `length`-character number: the variable element, if any, takes the
// slack.
std::vector<CharMask> masks_for_length(const CompiledPattern& pattern, int length) {
    std::vector<CharMask> masks;
    const int slack = length - pattern.min_length;
    for (const auto& element : pattern.elements) {
        const int count =
            element.count_min == element.count_max ? element.count_min : element.count_min + slack;
        masks.insert(masks.end(), static_cast<std::size_t>(count), element.allowed);
    }
    return masks;
}

// Resolves a check position that may count from the end, as check_digit_matches does.
long resolve(int position, std::size_t length) {
    return position >= 0 ? position : static_cast<long>(length) + position;
}

// A check position resolved for `length`, as a SlotFormat keeps it.
std::uint8_t slot_position(int position, std::size_t length) {
    const long at = resolve(position, length);
    return at < 0 || at > static_cast<long>(length) ? k_outside_number
                                                    : static_cast<std::uint8_t>(at);
}

// Whether two checks compute the same thing on numbers of `length` characters.
bool is_same_check(const CheckSpec& a, const CheckSpec& b, std::size_t length) {
    return a.algorithm == b.algorithm
           && resolve(a.serial_begin, length) == resolve(b.serial_begin, length)
           && resolve(a.serial_end, length) == resolve(b.serial_end, length)
           && resolve(a.check_at, length) == resolve(b.check_at, length) && a.weights == b.weights
           && a.evens_multiplier == b.evens_multiplier && a.odds_multiplier == b.odds_multiplier
           && a.reverse == b.reverse && a.modulo1 == b.modulo1 && a.modulo2 == b.modulo2
           && a.prepend == b.prepend;
}

constexpr std::size_t k_s10_length = 13;

// The UPU S10 check as every national S10 format computes it. In slots of 13 characters it has
// check index 0, so the catch-all's check and the suffix's post's are computed once per number.
const CheckSpec& s10_check() {
    static const CheckSpec k_s10{
        .algorithm = CheckAlgorithm::s10, .serial_begin = 2, .serial_end = 10, .check_at = 10};
    return k_s10;
}

} // namespace

Result<Ruleset> Ruleset::build(std::vector<CarrierSpec> carriers) {
    Ruleset rules;
    rules.m_carriers = std::move(carriers);
    auto compiled = rules.compile();
    if (!compiled) {
        return tl::unexpected(compiled.error());
    }
    return rules;
}

const Ruleset& Ruleset::builtin() {
    static const Ruleset k_rules = [] {
        auto built = build(builtin_carrier_specs());
        if (!built) {
            throw StartupError(ErrorCode::internal,
                               "built-in carrier rules: " + built.error().message);
        }
        return std::move(*built);
    }();
    return k_rules;
}

Result<bool> Ruleset::compile() {
    std::vector<std::string> format_ids;
    for (std::size_t c = 0; c < m_carriers.size(); ++c) {
        const auto& spec = m_carriers[c];
        const auto carrier_id = static_cast<CarrierId>(c);
        if (!is_code(spec.code)) {
            return fail(ErrorCode::invalid_input,
                        "carrier \"" + spec.code
                            + "\": a code is lower-case letters, digits and _");
        }
        for (std::size_t other = 0; other < c; ++other) {
            if (m_carriers[other].code == spec.code) {
                return fail(ErrorCode::invalid_input,
                            "carrier \"" + spec.code + "\" is declared twice");
            }
        }
        for (std::size_t f = 0; f < spec.formats.size(); ++f) {
            const auto& format = spec.formats[f];
            const std::string where =
                "carrier \"" + spec.code + "\" format \"" + format.id + "\": ";
            if (!is_code(format.id)) {
                return fail(ErrorCode::invalid_input,
                            where + "an id is lower-case letters, digits and _");
            }
            if (std::find(format_ids.begin(), format_ids.end(), format.id) != format_ids.end()) {
                return fail(ErrorCode::invalid_input, where + "the id is used twice");
            }
            format_ids.push_back(format.id);
            auto patterns = compile_pattern(format.pattern);
            if (!patterns) {
                return fail(ErrorCode::invalid_input, where + patterns.error().message);
            }
            std::vector<CompiledPattern> usual;
            if (!format.usual_pattern.empty()) {
                auto compiled_usual = compile_pattern(format.usual_pattern);
                if (!compiled_usual) {
                    return fail(ErrorCode::invalid_input,
                                where + "usual pattern: " + compiled_usual.error().message);
                }
                usual = std::move(*compiled_usual);
            }
            for (auto& pattern : *patterns) {
                auto checked = check_spec_errors(format.check, pattern);
                if (!checked) {
                    return fail(ErrorCode::invalid_input, where + checked.error().message);
                }
                m_formats.push_back({.carrier = carrier_id,
                                     .needs_declared = format.needs_declared,
                                     .spec_index = f,
                                     .pattern = std::move(pattern),
                                     .usual = usual});
            }
        }
        for (const auto& prefix : spec.barcode_prefixes) {
            auto patterns = compile_pattern(prefix.pattern);
            if (!patterns) {
                return fail(ErrorCode::invalid_input,
                            "carrier \"" + spec.code
                                + "\" barcode prefix: " + patterns.error().message);
            }
            for (auto& pattern : *patterns) {
                if (pattern.min_length != pattern.max_length) {
                    return fail(ErrorCode::invalid_input,
                                "carrier \"" + spec.code + "\" barcode prefix \"" + prefix.pattern
                                    + "\": a prefix has one fixed length");
                }
                m_prefix_first_chars |= pattern.elements.front().allowed;
                m_prefixes.push_back({carrier_id,
                                      prefix.kind,
                                      static_cast<std::size_t>(std::max(prefix.number_length, 0)),
                                      std::move(pattern)});
            }
        }
    }
    if (m_formats.size() > 0xFFFF) {
        return fail(ErrorCode::invalid_input, "too many formats");
    }

    // Group format ids by (length, first character) so a lookup is one slice.
    std::vector<std::vector<FormatId>> groups(k_lengths * k_first_chars);
    key_by_suffix();
    for (std::size_t id = 0; id < m_formats.size(); ++id) {
        if (m_formats[id].is_keyed_by_suffix) {
            continue;
        }
        const auto& pattern = m_formats[id].pattern;
        const CharMask first = pattern.elements.front().allowed;
        for (int length = pattern.min_length; length <= pattern.max_length; ++length) {
            for (std::size_t c = 0; c < k_first_chars; ++c) {
                if ((first & (CharMask{1} << c)) != 0) {
                    groups[static_cast<std::size_t>(length) * k_first_chars + c].push_back(
                        static_cast<FormatId>(id));
                }
            }
        }
    }
    for (const auto& group : groups) {
        m_index.insert(m_index.end(), group.begin(), group.end());
        m_index_end.push_back(static_cast<std::uint32_t>(m_index.size()));
    }
    compile_slots();
    index_names();

    m_literal_heads.assign(k_first_chars, {});
    for (std::size_t id = 0; id < m_formats.size(); ++id) {
        const auto& masks = m_formats[id].pattern.position_masks;
        if (masks.size() >= 2 && std::has_single_bit(masks[0]) && std::has_single_bit(masks[1])) {
            m_literal_heads[static_cast<std::size_t>(std::countr_zero(masks[0]))].push_back(
                static_cast<FormatId>(id));
        }
    }

    m_allowed_chars.assign(m_carriers.size() + 1, 0);
    m_allowed_lengths.assign(m_carriers.size() + 1, 0);
    for (const auto& format : m_formats) {
        std::uint64_t lengths = 0;
        for (int length = format.pattern.min_length; length <= format.pattern.max_length;
             ++length) {
            lengths |= std::uint64_t{1} << (length - 1);
        }
        CharMask chars = 0;
        for (const auto& element : format.pattern.elements) {
            chars |= element.allowed;
        }
        for (const std::size_t slot : {std::size_t{format.carrier}, m_carriers.size()}) {
            m_allowed_chars[slot] |= chars;
            m_allowed_lengths[slot] |= lengths;
        }
    }
    return true;
}

void Ruleset::compile_slots() {
    m_slot_formats.reserve(m_index.size());
    std::uint32_t begin = 0;
    for (std::size_t group = 0; group < m_index_end.size(); ++group) {
        const std::size_t length = group / k_first_chars;
        const std::uint32_t end = m_index_end[group];
        std::vector<const CheckSpec*> checks; // the distinct checks of this slot
        if (length == k_s10_length) {
            checks.push_back(&s10_check());
        }
        for (std::uint32_t at = begin; at < end; ++at) {
            const FormatId id = m_index[at];
            const auto& spec = format_spec(id);
            SlotFormat slot = slot_format(id, length);
            if (slot.has_check) {
                auto same = std::find_if(checks.begin(), checks.end(), [&](const CheckSpec* check) {
                    return is_same_check(*check, spec.check, length);
                });
                if (same == checks.end()) {
                    same = checks.insert(checks.end(), &spec.check);
                }
                slot.check = static_cast<std::uint8_t>(
                    std::min<std::ptrdiff_t>(same - checks.begin(), k_max_shared_checks));
            }
            m_slot_formats.push_back(slot);
        }
        begin = end;
    }
}

SlotFormat Ruleset::slot_format(FormatId id, std::size_t length) {
    const auto& compiled = m_formats[id];
    const auto& spec = format_spec(id);
    const auto masks = masks_for_length(compiled.pattern, static_cast<int>(length));
    SlotFormat slot{.last_allowed = masks.back(),
                    .narrow_begin = static_cast<std::uint32_t>(m_narrow_sets.size()),
                    .check = k_max_shared_checks, // computed anew unless compile_slots shares it
                    .has_check = spec.check.algorithm != CheckAlgorithm::none,
                    .needs_declared = compiled.needs_declared,
                    .country_suffix = spec.country_suffix,
                    .format = id,
                    .carrier = compiled.carrier};
    // Position 0 is the slot's first character; the last one is `last_allowed`. A keyed
    // format's first position is checked as a narrow set: its slot does not imply it.
    for (std::size_t position = compiled.is_keyed_by_suffix ? 0 : 1; position + 1 < length;
         ++position) {
        const CharMask allowed = masks[position];
        if (allowed == k_digit_chars) {
            slot.digit_positions |= std::uint64_t{1} << position;
        } else if (allowed == k_letter_chars) {
            slot.letter_positions |= std::uint64_t{1} << position;
        } else if (allowed != (k_digit_chars | k_letter_chars)) {
            m_narrow_sets.push_back({static_cast<std::uint32_t>(position), allowed});
            ++slot.narrow_count;
        }
    }
    if (slot.has_check) {
        slot.serial_begin = slot_position(spec.check.serial_begin, length);
        slot.serial_end = slot_position(spec.check.serial_end, length);
        slot.check_at = slot_position(spec.check.check_at, length);
    }
    slot.score = (slot.has_check ? k_verified_bonus : 0) + spec.priority * k_priority_step
                 + compiled.pattern.specificity(static_cast<int>(length));
    return slot;
}

void Ruleset::key_by_suffix() {
    // A national post's S10 format: two letters, nine digits, its own two-letter suffix, the
    // S10 check. The first format to claim a suffix is keyed; a second one (a rule file's)
    // stays in the slots, where it is compared as before.
    m_suffix_index.assign(26 * 26, -1);
    for (std::size_t id = 0; id < m_formats.size(); ++id) {
        auto& format = m_formats[id];
        const auto& spec = format_spec(static_cast<FormatId>(id));
        const auto& masks = format.pattern.position_masks;
        const bool is_national_s10 =
            masks.size() == k_s10_length && !format.needs_declared && !spec.country_suffix
            && is_same_check(spec.check, s10_check(), k_s10_length) && masks[0] == k_letter_chars
            && masks[1] == k_letter_chars
            && std::all_of(masks.begin() + 2,
                           masks.begin() + 11,
                           [](CharMask mask) { return mask == k_digit_chars; })
            && std::has_single_bit(masks[11]) && std::has_single_bit(masks[12])
            && (masks[11] & k_letter_chars) != 0 && (masks[12] & k_letter_chars) != 0;
        if (!is_national_s10) {
            continue;
        }
        const auto first = static_cast<std::size_t>(std::countr_zero(masks[11]) - 10);
        const auto second = static_cast<std::size_t>(std::countr_zero(masks[12]) - 10);
        auto& at = m_suffix_index[first * 26 + second];
        if (at >= 0) {
            continue;
        }
        format.is_keyed_by_suffix = true;
        at = static_cast<std::int32_t>(m_suffix_formats.size());
        SlotFormat slot = slot_format(static_cast<FormatId>(id), k_s10_length);
        slot.check = 0; // the S10 check's index in every 13-character slot (compile_slots)
        m_suffix_formats.push_back(slot);
    }
}

const FormatSpec& Ruleset::format_spec(FormatId id) const {
    const auto& format = m_formats[id];
    return m_carriers[format.carrier].formats[format.spec_index];
}

std::optional<CarrierId> Ruleset::find_carrier(std::string_view name) const {
    const std::string wanted = lower(name);
    // Sorted by name, then carrier: the first carrier that uses a name wins, as listed.
    const auto it = std::lower_bound(m_names.begin(),
                                     m_names.end(),
                                     wanted,
                                     [](const std::pair<std::string, CarrierId>& entry,
                                        const std::string& key) { return entry.first < key; });
    return it != m_names.end() && it->first == wanted ? std::optional<CarrierId>(it->second)
                                                      : std::nullopt;
}

void Ruleset::index_names() {
    // Two hundred carriers with a few names each: the sweep resolves a declared carrier per
    // order, so a lookup is a binary search rather than a scan of every name.
    for (std::size_t c = 0; c < m_carriers.size(); ++c) {
        const auto& spec = m_carriers[c];
        const auto id = static_cast<CarrierId>(c);
        m_names.emplace_back(spec.code, id);
        m_names.emplace_back(lower(spec.name), id);
        for (const auto* names : {&spec.aliases, &spec.marketplace_names}) {
            for (const auto& alias : *names) {
                m_names.emplace_back(lower(alias), id);
            }
        }
    }
    std::sort(m_names.begin(), m_names.end());
}

std::pair<std::uint32_t, std::uint32_t> Ruleset::slot_range(std::size_t length, char first) const {
    const std::size_t c = first_index(first);
    if (length >= k_lengths || c >= k_first_chars) {
        return {0, 0};
    }
    const std::size_t group = length * k_first_chars + c;
    return {group == 0 ? 0 : m_index_end[group - 1], m_index_end[group]};
}

std::span<const FormatId> Ruleset::candidates(std::size_t length, char first) const {
    const auto [begin, end] = slot_range(length, first);
    return {m_index.data() + begin, end - begin};
}

std::span<const SlotFormat> Ruleset::slot_formats(std::size_t length, char first) const {
    const auto [begin, end] = slot_range(length, first);
    return {m_slot_formats.data() + begin, end - begin};
}

bool Ruleset::has_length(std::size_t length, std::optional<CarrierId> carrier) const {
    if (length == 0 || length > k_max_pattern_length) {
        return false;
    }
    const std::uint64_t lengths = m_allowed_lengths[carrier ? *carrier : m_carriers.size()];
    return (lengths & (std::uint64_t{1} << (length - 1))) != 0;
}

std::span<const FormatId> Ruleset::literal_heads(char first) const {
    const std::size_t c = first_index(first);
    return c < k_first_chars ? std::span<const FormatId>(m_literal_heads[c])
                             : std::span<const FormatId>();
}

CharMask Ruleset::allowed_chars(std::optional<CarrierId> carrier) const {
    return m_allowed_chars[carrier ? *carrier : m_carriers.size()];
}

} // namespace vtrguard::carriers
