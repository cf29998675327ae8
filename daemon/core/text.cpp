#include <vtrguard/core/text.hpp>

#include <algorithm>

namespace vtrguard::core {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

void append(std::string& out, std::string_view text) {
    out.append(text);
}

// Printable ASCII other than the quote and the backslash: copied into JSON as it is.
bool is_plain_json(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
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

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Copy the longest run of characters that need no escaping in one append.
        std::size_t run = pos;
        while (run < text.size() && is_plain_json(text[run])) {
            ++run;
        }
        append(out, text.substr(pos, run - pos));
        pos = run;
        if (pos == text.size()) {
            break;
        }
        const char c = text[pos];
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
            ++pos;
        } else if (byte < 0x20) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(byte));
            ++pos;
        } else {
            const std::size_t size = utf8_sequence_length(text, pos);
            append(out, size == 0 ? k_replacement : text.substr(pos, size));
            pos += size == 0 ? 1 : size;
        }
    }
    out.push_back('"');
}

void append_csv_field(std::string& out, std::string_view text) {
    bool is_plain = true;
    bool needs_quotes = false;
    for (const char c : text) {
        needs_quotes = needs_quotes || c == ',' || c == '"' || c == '\r' || c == '\n';
        is_plain = is_plain && static_cast<unsigned char>(c) < 0x80;
    }
    if (is_plain && !needs_quotes) {
        append(out, text);
        return;
    }
    if (needs_quotes) {
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
    if (needs_quotes) {
        out.push_back('"');
    }
}

void append_spreadsheet_cell(std::string& out, std::string_view text) {
    const bool is_formula_like =
        !text.empty()
        && (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@'
            || text.front() == '\t' || text.front() == '\r');
    if (!is_formula_like) {
        append_csv_field(out, text);
        return;
    }
    std::string neutral;
    neutral.reserve(text.size() + 1);
    neutral.push_back('\'');
    neutral.append(text);
    append_csv_field(out, neutral);
}

std::string printable(std::string_view text) {
    const bool is_plain = std::all_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte < 0x7F;
    });
    if (is_plain) {
        return std::string(text);
    }
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

std::string_view trim_blanks(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

} // namespace vtrguard::core
