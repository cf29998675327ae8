#include <vtrguard/core/text.hpp>

namespace vtrguard::core {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

void append(fmt::memory_buffer& out, std::string_view text) {
    out.append(text.data(), text.data() + text.size());
}

bool needs_csv_quotes(std::string_view text) {
    return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

} // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) {
        return 1;
    }
    std::size_t size = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (pos + size > text.size()) {
        return 0;
    }
    const auto second = static_cast<unsigned char>(text[pos + 1]);
    if (second < low || second > high) {
        return 0;
    }
    for (std::size_t i = 2; i < size; ++i) {
        if ((static_cast<unsigned char>(text[pos + i]) & 0xC0U) != 0x80U) {
            return 0;
        }
    }
    return size;
}

void append_json_string(fmt::memory_buffer& out, std::string_view text) {
    out.push_back('"');
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\') {
            out.push_back(c);
            ++pos;
            continue;
        }
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
            ++pos;
            continue;
        }
        if (byte < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(byte));
            ++pos;
            continue;
        }
        const std::size_t size = utf8_sequence_length(text, pos);
        if (size == 0) {
            append(out, k_replacement);
            ++pos;
        } else {
            append(out, text.substr(pos, size));
            pos += size;
        }
    }
    out.push_back('"');
}

void append_csv_field(fmt::memory_buffer& out, std::string_view text) {
    const bool is_quoted = needs_csv_quotes(text);
    if (is_quoted) {
        out.push_back('"');
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t size = utf8_sequence_length(text, pos);
        if (size == 0) {
            append(out, k_replacement);
            ++pos;
            continue;
        }
        if (text[pos] == '"') {
            out.push_back('"');
        }
        append(out, text.substr(pos, size));
        pos += size;
    }
    if (is_quoted) {
        out.push_back('"');
    }
}

std::string printable(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t size = utf8_sequence_length(text, pos);
        if (size == 0) {
            result += k_replacement;
            ++pos;
        } else if (size == 1
                   && (static_cast<unsigned char>(text[pos]) < 0x20 || text[pos] == 0x7F)) {
            result += '?';
            ++pos;
        } else {
            result.append(text.substr(pos, size));
            pos += size;
        }
    }
    return result;
}

} // namespace vtrguard::core
