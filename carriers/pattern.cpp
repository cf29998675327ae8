#include "byte_chunks.hpp"

#include <vtrguard/carriers/pattern.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <string>

namespace vtrguard::carriers {

namespace {

constexpr CharMask k_digits = k_digit_chars;
constexpr CharMask k_letters = k_letter_chars;
constexpr CharMask k_alphanumeric = k_digits | k_letters;
constexpr int k_max_count = static_cast<int>(k_max_pattern_length);

// Tenths of a bit of information one position with `allowed` carries over a free character.
int position_weight(CharMask allowed) {
    const int size = std::popcount(allowed);
    if (size <= 0) {
        return 0;
    }
    return static_cast<int>(std::lround(10.0 * std::log2(36.0 / size)));
}

class PatternParser {
public:
    explicit PatternParser(std::string_view text)
        : m_text(text) {}

    Result<std::vector<CompiledPattern>> parse() {
        std::vector<std::vector<PatternElement>> alternatives(1);
        while (skip_spaces()) {
            const char c = m_text[m_pos];
            if (c == '(') {
                auto choices = parse_alternatives();
                if (!choices) {
                    return tl::unexpected(choices.error());
                }
                alternatives = expand(alternatives, *choices);
                continue;
            }
            auto element = parse_element();
            if (!element) {
                return tl::unexpected(element.error());
            }
            for (auto& alternative : alternatives) {
                alternative.push_back(*element);
            }
        }
        return finish(alternatives);
    }

private:
    bool skip_spaces() {
        while (m_pos < m_text.size() && m_text[m_pos] == ' ') {
            ++m_pos;
        }
        return m_pos < m_text.size();
    }

    tl::unexpected<Error> error(const std::string& why) const {
        return fail(ErrorCode::invalid_input,
                    "pattern \"" + std::string(m_text) + "\" at " + std::to_string(m_pos + 1) + ": "
                        + why);
    }

    Result<std::vector<std::string>> parse_alternatives() {
        ++m_pos; // '('
        std::vector<std::string> choices(1);
        while (m_pos < m_text.size() && m_text[m_pos] != ')') {
            const char c = m_text[m_pos];
            if (c == '|') {
                choices.emplace_back();
            } else if (char_bit(c) != 0) {
                choices.back().push_back(c);
            } else if (c != ' ') {
                return error("alternatives hold only digits and upper-case letters");
            }
            ++m_pos;
        }
        if (m_pos >= m_text.size()) {
            return error("missing ')'");
        }
        ++m_pos;
        for (const auto& choice : choices) {
            if (choice.empty()) {
                return error("empty alternative");
            }
        }
        return choices;
    }

    static std::vector<std::vector<PatternElement>>
    expand(const std::vector<std::vector<PatternElement>>& heads,
           const std::vector<std::string>& choices) {
        std::vector<std::vector<PatternElement>> result;
        for (const auto& head : heads) {
            for (const auto& choice : choices) {
                auto elements = head;
                for (const char c : choice) {
                    elements.push_back({char_bit(c), 1, 1});
                }
                result.push_back(std::move(elements));
            }
        }
        return result;
    }

    Result<PatternElement> parse_element() {
        const char c = m_text[m_pos];
        PatternElement element;
        if (c == 'd') {
            element.allowed = k_digits;
            ++m_pos;
        } else if (c == 'a') {
            element.allowed = k_letters;
            ++m_pos;
        } else if (c == 'x') {
            element.allowed = k_alphanumeric;
            ++m_pos;
        } else if (c == '[') {
            auto allowed = parse_class();
            if (!allowed) {
                return tl::unexpected(allowed.error());
            }
            element.allowed = *allowed;
        } else if (char_bit(c) != 0) {
            element.allowed = char_bit(c);
            ++m_pos;
        } else {
            return error(std::string("unexpected '") + c + "'");
        }
        if (m_pos < m_text.size() && m_text[m_pos] == '{') {
            auto counted = parse_count(element);
            if (!counted) {
                return tl::unexpected(counted.error());
            }
        }
        return element;
    }

    Result<CharMask> parse_class() {
        ++m_pos; // '['
        CharMask allowed = 0;
        while (m_pos < m_text.size() && m_text[m_pos] != ']') {
            const char first = m_text[m_pos];
            if (char_bit(first) == 0) {
                return error("a class holds only digits, upper-case letters and ranges");
            }
            char last = first;
            if (m_pos + 2 < m_text.size() && m_text[m_pos + 1] == '-') {
                last = m_text[m_pos + 2];
                m_pos += 2;
            }
            if (char_bit(last) == 0 || last < first) {
                return error("bad range in class");
            }
            for (char member = first; member <= last; ++member) {
                allowed |= char_bit(member);
            }
            ++m_pos;
        }
        if (m_pos >= m_text.size()) {
            return error("missing ']'");
        }
        ++m_pos;
        if (allowed == 0) {
            return error("empty class");
        }
        return allowed;
    }

    Result<bool> parse_count(PatternElement& element) {
        ++m_pos; // '{'
        const auto read_number = [this]() -> int {
            int value = -1;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
                // Saturate rather than overflow; the caller rejects anything past the limit.
                value =
                    std::min((value < 0 ? 0 : value * 10) + (m_text[m_pos] - '0'), k_max_count + 1);
                ++m_pos;
            }
            return value;
        };
        const int low = read_number();
        int high = low;
        if (m_pos < m_text.size() && m_text[m_pos] == ',') {
            ++m_pos;
            high = read_number();
        }
        if (m_pos >= m_text.size() || m_text[m_pos] != '}') {
            return error("expected '{n}' or '{n,m}'");
        }
        ++m_pos;
        if (low < 1 || high < low || high > k_max_count) {
            return error("repeat counts must be 1 to 64, low before high");
        }
        element.count_min = low;
        element.count_max = high;
        return true;
    }

    Result<std::vector<CompiledPattern>>
    finish(const std::vector<std::vector<PatternElement>>& alternatives) const {
        std::vector<CompiledPattern> patterns;
        for (const auto& elements : alternatives) {
            CompiledPattern pattern;
            int variable = 0;
            for (const auto& element : elements) {
                pattern.min_length += element.count_min;
                pattern.max_length += element.count_max;
                variable += element.count_min != element.count_max ? 1 : 0;
            }
            if (elements.empty()) {
                return error("empty pattern");
            }
            if (variable > 1) {
                return error("at most one element may have a variable length");
            }
            if (pattern.max_length > k_max_count) {
                return error("patterns match at most 64 characters");
            }
            pattern.elements = elements;
            pattern.last_allowed = elements.back().allowed;
            for (auto& element : pattern.elements) {
                element.weight = position_weight(element.allowed);
                if (variable == 0) {
                    pattern.position_masks.insert(pattern.position_masks.end(),
                                                  static_cast<std::size_t>(element.count_min),
                                                  element.allowed);
                }
            }
            if (variable == 0) {
                pattern.fixed_specificity = pattern.specificity(pattern.min_length);
            }
            patterns.push_back(std::move(pattern));
        }
        return patterns;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

namespace {

struct ChunkShape {
    std::uint64_t digits = 0;     // bit i: byte i is a digit
    bool is_alphanumeric = false; // every byte is a digit or an upper-case letter
};

ChunkShape chunk_shape(std::uint64_t bytes) {
    using namespace byte_chunks;
    // Bytes of 0x80 and above are neither; their low seven bits are classified like the rest
    // and then discarded.
    const std::uint64_t low_bits = bytes & ~k_highs;
    const std::uint64_t digits = in_range(low_bits, '0', '9');
    const std::uint64_t letters = in_range(low_bits, 'A', 'Z');
    return {gather_highs(digits), ((digits | letters) & ~bytes) == k_highs};
}

} // namespace

NumberShape shape_of(std::string_view number) {
    const std::size_t length = number.size();
    if (length == 0 || length > k_max_pattern_length) {
        return {};
    }
    std::uint64_t digits = 0;
    bool is_alphanumeric = true;
    if (length >= 8) {
        // Eight characters per step, the last step overlapping the one before.
        for (std::size_t at = 0;; at += 8) {
            const std::size_t start = std::min(at, length - 8);
            const ChunkShape chunk = chunk_shape(byte_chunks::load(number.data() + start));
            digits |= chunk.digits << start;
            is_alphanumeric = is_alphanumeric && chunk.is_alphanumeric;
            if (start + 8 == length) {
                break;
            }
        }
    } else {
        for (std::size_t at = 0; at < length; ++at) {
            const CharMask bit = char_bit(number[at]);
            digits |= std::uint64_t{(bit & k_digits) != 0} << at;
            is_alphanumeric = is_alphanumeric && bit != 0;
        }
    }
    NumberShape shape = alphanumeric_shape(number, digits);
    shape.is_alphanumeric = is_alphanumeric;
    return shape;
}

bool CompiledPattern::matches(std::string_view number) const {
    const int length = static_cast<int>(number.size());
    if (length < min_length || length > max_length) {
        return false;
    }
    if (!position_masks.empty()) {
        // The common case: a fixed length, one mask per character, no element bookkeeping.
        for (std::size_t pos = 0; pos < number.size(); ++pos) {
            if ((char_bit(number[pos]) & position_masks[pos]) == 0) {
                return false;
            }
        }
        return true;
    }
    const int slack = length - min_length;
    std::size_t pos = 0;
    for (const auto& element : elements) {
        const int count =
            element.count_min == element.count_max ? element.count_min : element.count_min + slack;
        for (int i = 0; i < count; ++i, ++pos) {
            if ((char_bit(number[pos]) & element.allowed) == 0) {
                return false;
            }
        }
    }
    return true;
}

int CompiledPattern::specificity(int length) const {
    if (fixed_specificity >= 0) {
        return fixed_specificity;
    }
    const int slack = length - min_length;
    int total = 0;
    for (const auto& element : elements) {
        const int count =
            element.count_min == element.count_max ? element.count_min : element.count_min + slack;
        total += element.weight * count;
    }
    return total;
}

Result<std::vector<CompiledPattern>> compile_pattern(std::string_view pattern) {
    return PatternParser(pattern).parse();
}

} // namespace vtrguard::carriers
