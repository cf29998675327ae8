#include "byte_chunks.hpp"

#include <vtrguard/carriers/normalize.hpp>

#include <algorithm>
#include <array>

namespace vtrguard::carriers {

namespace {

// What one decoded character becomes.
enum class Fold : std::uint8_t { keep_bad, drop, drop_invisible, to_ascii };

struct Decoded {
    char32_t code_point = 0;
    std::size_t size = 0; // bytes consumed; 0 when the sequence is not valid UTF-8
};

Decoded decode_utf8(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    std::size_t size = 0;
    char32_t code_point = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2;
        code_point = lead & 0x1FU;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3;
        code_point = lead & 0x0FU;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4;
        code_point = lead & 0x07U;
    } else {
        return {};
    }
    if (pos + size > text.size()) {
        return {};
    }
    for (std::size_t i = 1; i < size; ++i) {
        if ((byte(i) & 0xC0U) != 0x80U) {
            return {};
        }
        code_point = (code_point << 6U) | (byte(i) & 0x3FU);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    const bool is_overlong =
        (size == 3 && code_point < 0x800) || (size == 4 && code_point < 0x10000);
    const bool is_surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (is_overlong || is_surrogate || code_point > 0x10FFFF) {
        return {};
    }
    return {code_point, size};
}

struct Range {
    char32_t first;
    char32_t last;
};

// Unicode's invisible format characters (general category Cf, Unicode 15): soft hyphen,
// zero-width space and joiners, LRM/RLM and ALM, bidi embeddings, overrides and isolates, word
// joiner and invisible operators, BOM, interlinear annotation marks, tags. A paste from a web
// page or a chat carries them unseen; all are dropped alike (the verdict notes it), so none
// can make a number look right and fail, or differ from another that looks the same.
constexpr std::array<Range, 21> k_invisible{{
    {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
    {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
    {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
    {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
    {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F},
}};

bool is_invisible_format(char32_t code_point) {
    // Cheap reject first: every range starts at U+00AD or later.
    if (code_point < 0x00AD) {
        return false;
    }
    return std::any_of(k_invisible.begin(), k_invisible.end(), [&](const Range& range) {
        return code_point >= range.first && code_point <= range.last;
    });
}

// Folds a non-ASCII character: full-width forms to ASCII, spaces, dashes and invisible format
// characters away.
Fold fold(char32_t code_point, char& ascii) {
    if (code_point >= 0xFF10 && code_point <= 0xFF19) {
        ascii = static_cast<char>('0' + (code_point - 0xFF10));
        return Fold::to_ascii;
    }
    if (code_point >= 0xFF21 && code_point <= 0xFF3A) {
        ascii = static_cast<char>('A' + (code_point - 0xFF21));
        return Fold::to_ascii;
    }
    if (code_point >= 0xFF41 && code_point <= 0xFF5A) {
        ascii = static_cast<char>('A' + (code_point - 0xFF41));
        return Fold::to_ascii;
    }
    const bool is_space = code_point == 0x00A0 || (code_point >= 0x2000 && code_point <= 0x200A)
                          || code_point == 0x202F || code_point == 0x205F || code_point == 0x3000;
    const bool is_dash = (code_point >= 0x2010 && code_point <= 0x2015) || code_point == 0x2212
                         || code_point == 0xFE63 || code_point == 0xFF0D;
    if (is_space || is_dash) {
        return Fold::drop;
    }
    return is_invisible_format(code_point) ? Fold::drop_invisible : Fold::keep_bad;
}

// What each ASCII byte becomes: a character to keep (upper-cased), k_skip for a separator, or
// 0 for anything the slow path must look at. One table lookup per byte.
constexpr char k_skip = 1;

constexpr std::array<char, 256> make_ascii_map() {
    std::array<char, 256> map{};
    for (char c = '0'; c <= '9'; ++c) {
        map[static_cast<unsigned char>(c)] = c;
    }
    for (char c = 'A'; c <= 'Z'; ++c) {
        map[static_cast<unsigned char>(c)] = c;
        map[static_cast<unsigned char>(c - 'A' + 'a')] = c;
    }
    for (const char c : {' ', '-', '\t', '\r', '\n'}) {
        map[static_cast<unsigned char>(c)] = k_skip;
    }
    return map;
}

constexpr std::array<char, 256> k_ascii_map = make_ascii_map();

class Builder {
public:
    explicit Builder(Normalized& out)
        : m_out(out) {}

    void put(char c) {
        if (m_out.length < m_out.buffer.size()) {
            const bool is_digit = c >= '0' && c <= '9';
            m_out.digit_positions |= std::uint64_t{is_digit} << m_out.length;
            m_out.buffer[m_out.length++] = c;
        }
        ++m_out.full_length;
    }

    void put_bad(std::string_view bytes, std::size_t at) {
        if (!m_out.has_bad_char) {
            m_out.has_bad_char = true;
            m_out.first_bad_at = at + 1;
        }
        // Keep the character so a report can show it; it counts once towards the length.
        if (m_out.length + bytes.size() <= m_out.buffer.size()) {
            for (const char c : bytes) {
                m_out.buffer[m_out.length++] = c;
            }
        }
        ++m_out.full_length;
    }

private:
    Normalized& m_out;
};

} // namespace

namespace {

// The slow path: non-ASCII input, punctuation, overflow. Picks up at `pos` with `out` as the
// fast path left it.
void normalize_rest(std::string_view raw, std::size_t pos, Normalized& out) {
    Builder builder(out);
    while (pos < raw.size()) {
        const char c = raw[pos];
        const char mapped = k_ascii_map[static_cast<unsigned char>(c)];
        if (mapped > k_skip) {
            builder.put(mapped);
            ++pos;
        } else if (mapped == k_skip) {
            ++pos;
        } else if (static_cast<unsigned char>(c) < 0x80) {
            builder.put_bad(raw.substr(pos, 1), pos);
            ++pos;
        } else {
            const Decoded decoded = decode_utf8(raw, pos);
            if (decoded.size == 0) {
                out.is_invalid_utf8 = true;
                builder.put_bad("\xEF\xBF\xBD", pos); // U+FFFD stands for the broken byte
                ++pos;
                continue;
            }
            char ascii = 0;
            switch (fold(decoded.code_point, ascii)) {
            case Fold::to_ascii:
                builder.put(ascii);
                break;
            case Fold::drop:
                break;
            case Fold::drop_invisible:
                out.has_invisible = true;
                break;
            case Fold::keep_bad:
                builder.put_bad(raw.substr(pos, decoded.size), pos);
                break;
            }
            pos += decoded.size;
        }
    }
}

} // namespace

namespace {

void normalize_unwrapped(std::string_view raw, Normalized& out);

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_ascii_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = text[i];
        const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != prefix[i]) {
            return false;
        }
    }
    return true;
}

// Quotes a spreadsheet or a chat puts around a number: straight, curly, and CJK corner brackets.
struct QuotePair {
    std::string_view open;
    std::string_view close;
};

constexpr std::array k_quotes{
    QuotePair{"\"", "\""},
    QuotePair{"'", "'"},
    QuotePair{"\xE2\x80\x9C", "\xE2\x80\x9D"}, // “ ”
    QuotePair{"\xE2\x80\x98", "\xE2\x80\x99"}, // ‘ ’
    QuotePair{"\xE3\x80\x8C", "\xE3\x80\x8D"}, // 「 」
};

// Labels pasted with the number, each ending in its separator. A tracking number never holds a
// '.', ':' or '#', so text up to one of them has only this reading.
constexpr std::array<std::string_view, 12> k_labels{
    "tracking number:",
    "tracking no.:",
    "tracking no:",
    "tracking no.",
    "tracking #:",
    "tracking #",
    "tracking id:",
    "tracking:",
    "no.:",
    "no.",
    "no:",
    "#",
};

// Full-width colon, as Chinese input methods type it after a label.
constexpr std::array<std::string_view, 4> k_cjk_labels{
    "\xE8\xBF\x90\xE5\x8D\x95\xE5\x8F\xB7\xEF\xBC\x9A",             // 运单号：
    "\xE5\xBF\xAB\xE9\x80\x92\xE5\x8D\x95\xE5\x8F\xB7\xEF\xBC\x9A", // 快递单号：
    "\xE5\x8D\x95\xE5\x8F\xB7\xEF\xBC\x9A",                         // 单号：
    "\xE8\xBF\xBD\xE8\xB7\xA1\xE7\x95\xAA\xE5\x8F\xB7\xEF\xBC\x9A", // 追跡番号：
};

// What the first byte of a paste says: a space to skip, or the start of a wrapper (a quote, a
// label, '#', or the lead byte of a curly quote, a corner bracket or a CJK label).
enum class Lead : std::uint8_t { plain, space, wrapper };

constexpr std::array<Lead, 256> k_leads = [] {
    std::array<Lead, 256> leads{};
    for (const char c : {' ', '\t', '\r', '\n'}) {
        leads[static_cast<unsigned char>(c)] = Lead::space;
    }
    for (const char c : {'"', '\'', '#', 'T', 't', 'N', 'n'}) {
        leads[static_cast<unsigned char>(c)] = Lead::wrapper;
    }
    for (std::size_t byte = 0xE2; byte < leads.size(); ++byte) {
        leads[byte] = Lead::wrapper;
    }
    return leads;
}();

// The number inside what was pasted: surrounding quotes, a spreadsheet's leading apostrophe, a
// label such as "Tracking:" or "No." and a leading '#' removed. Only the first byte is tested
// on the common path; anything else is left for the character rules to judge.
std::string_view unwrap(std::string_view raw) {
    std::size_t start = 0;
    while (start < raw.size() && k_leads[static_cast<unsigned char>(raw[start])] == Lead::space) {
        ++start;
    }
    if (start == raw.size() || k_leads[static_cast<unsigned char>(raw[start])] != Lead::wrapper) {
        return raw;
    }
    std::string_view text = trim(raw);
    for (const auto& quote : k_quotes) {
        if (text.size() >= quote.open.size() + quote.close.size() && text.starts_with(quote.open)
            && text.ends_with(quote.close)) {
            text = trim(text.substr(quote.open.size(),
                                    text.size() - quote.open.size() - quote.close.size()));
            break;
        }
    }
    if (text.starts_with('\'')) {
        text = text.substr(1); // a spreadsheet's "this is text" marker
    }
    for (const auto label : k_labels) {
        if (starts_with_ignoring_case(text, label)) {
            text = trim(text.substr(label.size()));
            break;
        }
    }
    for (const auto label : k_cjk_labels) {
        if (text.starts_with(label)) {
            text = trim(text.substr(label.size()));
            break;
        }
    }
    return text.empty() ? raw : text;
}

} // namespace

Normalized normalize(std::string_view raw) {
    Normalized out;
    normalize(raw, out);
    return out;
}

void normalize(std::string_view full_raw, Normalized& out) {
    const std::string_view raw = unwrap(full_raw);
    normalize_unwrapped(raw, out);
    if (out.has_bad_char) {
        out.first_bad_at += static_cast<std::size_t>(raw.data() - full_raw.data());
    }
}

namespace {

// The fastest path, for most input: 8 to 64 ASCII letters and digits and nothing else, copied
// eight at a time with lower case folded. False for anything else, with `out.buffer` partly
// written: the slower paths write it again from the start.
bool normalize_plain(std::string_view raw, Normalized& out) {
    using namespace byte_chunks;
    const std::size_t length = raw.size();
    if (length < 8 || length > out.buffer.size()) {
        return false;
    }
    std::uint64_t digits = 0;
    for (std::size_t at = 0;; at += 8) {
        const std::size_t start = std::min(at, length - 8); // the last chunk overlaps
        const std::uint64_t bytes = load(raw.data() + start);
        const std::uint64_t low_bits = bytes & ~k_highs;
        const std::uint64_t digit_bytes = in_range(low_bits, '0', '9');
        // Clearing bit 5 folds 'a'-'z' onto 'A'-'Z' and moves no other byte into that range.
        const std::uint64_t letter_bytes = in_range(low_bits & ~(k_highs >> 2U), 'A', 'Z');
        if (((digit_bytes | letter_bytes) & ~bytes) != k_highs) {
            return false;
        }
        store(out.buffer.data() + start, bytes & ~(letter_bytes >> 2U)); // upper case
        digits |= gather_highs(digit_bytes) << start;
        if (start + 8 == length) {
            break;
        }
    }
    if (length < out.buffer.size()) {
        out.buffer[length] = 0;
    }
    out.digit_positions = digits;
    out.length = length;
    out.full_length = length;
    return true;
}

void normalize_unwrapped(std::string_view raw, Normalized& out) {
    if (normalize_plain(raw, out)) {
        return;
    }
    // The fast path: plain ASCII letters, digits and separators, counted in locals so the
    // compiler keeps them in registers (stores through char* could alias any member).
    const std::size_t limit = std::min(raw.size(), out.buffer.size());
    std::size_t length = 0;
    std::size_t pos = 0;
    std::uint64_t digits = 0;
    for (; pos < limit; ++pos) {
        const char mapped = k_ascii_map[static_cast<unsigned char>(raw[pos])];
        // Writing before testing keeps the loop free of a second branch; a skip or an
        // unknown byte is simply overwritten or cut off by `length`.
        out.buffer[length] = mapped;
        if (mapped <= k_skip) {
            if (mapped == 0) {
                break;
            }
            continue;
        }
        digits |= std::uint64_t{mapped <= '9'} << length;
        ++length;
    }
    if (length < out.buffer.size()) {
        out.buffer[length] = 0;
    }
    out.digit_positions = digits;
    out.length = length;
    out.full_length = length;
    if (pos < raw.size()) {
        normalize_rest(raw, pos, out);
    }
}

} // namespace

} // namespace vtrguard::carriers
