#include <vtrguard/core/encoding.hpp>
#include <vtrguard/core/text.hpp>

#include <fmt/format.h>

#include <array>
#include <utility>

namespace vtrguard::core {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_utf16le_bom = "\xFF\xFE";
constexpr std::string_view k_utf16be_bom = "\xFE\xFF";
constexpr std::string_view k_gb18030_bom = "\x84\x31\x95\x33";

constexpr std::array<std::pair<std::string_view, Encoding>, 10> k_names{{
    {"utf8", Encoding::utf8},
    {"utf16", Encoding::utf16},
    {"utf16le", Encoding::utf16le},
    {"utf16be", Encoding::utf16be},
    {"gb18030", Encoding::gb18030},
    {"gbk", Encoding::gb18030},
    {"gb2312", Encoding::gb18030},
    {"cp936", Encoding::gb18030},
    {"latin1", Encoding::latin1},
    {"iso88591", Encoding::latin1},
}};

std::uint8_t byte_at(std::string_view text, std::size_t pos) {
    return static_cast<std::uint8_t>(text[pos]);
}

// How many bytes of `head` are not valid UTF-8; a sequence cut by the end of a partial head
// does not count.
std::size_t invalid_utf8_bytes(std::string_view head, bool is_whole_file) {
    std::size_t invalid = 0;
    std::size_t pos = 0;
    while (pos < head.size()) {
        const std::size_t size = utf8_sequence_length(head, pos);
        if (size != 0) {
            pos += size;
            continue;
        }
        const std::uint8_t lead = byte_at(head, pos);
        const std::size_t wanted = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (!is_whole_file && lead >= 0xC2 && lead <= 0xF4 && pos + wanted > head.size()) {
            break;
        }
        ++invalid;
        ++pos;
    }
    return invalid;
}

// Whether `head` is valid GB18030 holding at least one multi-byte character.
bool reads_as_gb18030(std::string_view head, bool is_whole_file) {
    const auto in = [](std::uint8_t b, std::uint8_t low, std::uint8_t high) {
        return b >= low && b <= high;
    };
    std::size_t pos = 0;
    bool has_multibyte = false;
    while (pos < head.size()) {
        const std::uint8_t lead = byte_at(head, pos);
        if (lead < 0x80) {
            ++pos;
            continue;
        }
        if (!in(lead, 0x81, 0xFE)) {
            return false;
        }
        if (pos + 1 >= head.size()) {
            return !is_whole_file && has_multibyte;
        }
        const std::uint8_t second = byte_at(head, pos + 1);
        if (in(second, 0x40, 0x7E) || in(second, 0x80, 0xFE)) {
            pos += 2;
        } else if (in(second, 0x30, 0x39)) {
            if (pos + 3 >= head.size()) {
                return !is_whole_file && has_multibyte;
            }
            if (!in(byte_at(head, pos + 2), 0x81, 0xFE)
                || !in(byte_at(head, pos + 3), 0x30, 0x39)) {
                return false;
            }
            pos += 4;
        } else {
            return false;
        }
        has_multibyte = true;
    }
    return has_multibyte;
}

// UTF-16 without a byte-order mark: ASCII text leaves every other byte zero.
std::optional<Encoding> utf16_by_zeros(std::string_view head) {
    const std::size_t pairs = std::min<std::size_t>(head.size(), 4096) / 2;
    if (pairs < 2) {
        return std::nullopt;
    }
    std::size_t even_zeros = 0;
    std::size_t odd_zeros = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
        even_zeros += head[2 * i] == '\0' ? 1U : 0U;
        odd_zeros += head[2 * i + 1] == '\0' ? 1U : 0U;
    }
    // Mostly zero on one side and almost never on the other: not binary data, not NUL padding.
    if (odd_zeros * 2 >= pairs && even_zeros * 20 < pairs) {
        return Encoding::utf16le;
    }
    if (even_zeros * 2 >= pairs && odd_zeros * 20 < pairs) {
        return Encoding::utf16be;
    }
    return std::nullopt;
}

std::size_t bom_of(std::string_view head, Encoding encoding) {
    switch (encoding) {
    case Encoding::utf8:
        return head.starts_with(k_utf8_bom) ? k_utf8_bom.size() : 0;
    case Encoding::utf16le:
        return head.starts_with(k_utf16le_bom) ? k_utf16le_bom.size() : 0;
    case Encoding::utf16be:
        return head.starts_with(k_utf16be_bom) ? k_utf16be_bom.size() : 0;
    case Encoding::gb18030:
        return head.starts_with(k_gb18030_bom) ? k_gb18030_bom.size() : 0;
    case Encoding::utf16:
    case Encoding::latin1:
        return 0;
    }
    return 0;
}

} // namespace

std::optional<Encoding> parse_encoding(std::string_view name) {
    std::string key;
    for (const char c : name) {
        if (c != '-' && c != '_') {
            key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    for (const auto& [known, encoding] : k_names) {
        if (key == known) {
            return encoding;
        }
    }
    return std::nullopt;
}

std::string_view encoding_name(Encoding encoding) {
    switch (encoding) {
    case Encoding::utf8:
        return "utf-8";
    case Encoding::utf16:
        return "utf-16";
    case Encoding::utf16le:
        return "utf-16le";
    case Encoding::utf16be:
        return "utf-16be";
    case Encoding::gb18030:
        return "gb18030";
    case Encoding::latin1:
        return "latin1";
    }
    return "utf-8";
}

EncodingGuess guess_encoding(std::string_view head, bool is_whole_file) {
    if (head.starts_with(k_utf8_bom)) {
        return {Encoding::utf8, k_utf8_bom.size(), true, std::nullopt};
    }
    if (head.starts_with(k_utf16le_bom)) {
        return {Encoding::utf16le, k_utf16le_bom.size(), true, std::nullopt};
    }
    if (head.starts_with(k_utf16be_bom)) {
        return {Encoding::utf16be, k_utf16be_bom.size(), true, std::nullopt};
    }
    if (const auto utf16 = utf16_by_zeros(head)) {
        return {Encoding::utf8, 0, false, utf16};
    }
    if (invalid_utf8_bytes(head, is_whole_file) == 0) {
        return {};
    }
    if (reads_as_gb18030(head, is_whole_file)) {
        return {Encoding::utf8, 0, false, Encoding::gb18030};
    }
    // Stray bytes in otherwise UTF-8 text: each row or number names its own.
    return {};
}

Result<EncodingGuess> choose_encoding(std::string_view head,
                                      bool is_whole_file,
                                      std::optional<Encoding> declared,
                                      std::string_view source) {
    if (declared) {
        Encoding encoding = *declared;
        if (encoding == Encoding::utf16) {
            encoding = head.starts_with(k_utf16be_bom) ? Encoding::utf16be : Encoding::utf16le;
        }
        return EncodingGuess{encoding, bom_of(head, encoding), true, std::nullopt};
    }
    const EncodingGuess guess = guess_encoding(head, is_whole_file);
    if (!guess.likely) {
        return guess;
    }
    if (*guess.likely == Encoding::gb18030) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("{}: not UTF-8: the text reads as GB18030 (GBK), as Chinese ERPs "
                                "and spreadsheets export it; read it with --encoding gb18030 "
                                "(other encodings: utf-8, utf-16, latin1)",
                                source));
    }
    return fail(ErrorCode::invalid_input,
                fmt::format("{}: not UTF-8: the text looks like {} without a byte-order mark; "
                            "read it with --encoding {}",
                            source,
                            *guess.likely == Encoding::utf16le ? "UTF-16LE" : "UTF-16BE",
                            encoding_name(*guess.likely)));
}

} // namespace vtrguard::core
