#include <vtrguard/config/json_comments.hpp>

#include <algorithm>

namespace vtrguard::config {

Result<std::string> strip_json_comments(std::string_view text) {
    std::string out(text);
    bool is_in_string = false;
    std::size_t pos = 0;
    while (pos < out.size()) {
        const char current = out[pos];
        if (is_in_string) {
            if (current == '\\') {
                pos += 2;
                continue;
            }
            is_in_string = current != '"';
            ++pos;
            continue;
        }
        const char next = pos + 1 < out.size() ? out[pos + 1] : '\0';
        if (current == '"') {
            is_in_string = true;
            ++pos;
        } else if (current == '/' && next == '/') {
            while (pos < out.size() && out[pos] != '\n') {
                out[pos++] = ' ';
            }
        } else if (current == '/' && next == '*') {
            const auto end = out.find("*/", pos + 2);
            if (end == std::string::npos) {
                return fail(ErrorCode::config,
                            "line " + std::to_string(line_of_offset(text, pos))
                                + ": unterminated /* comment");
            }
            // Blank the comment but keep its line breaks so error lines stay right.
            for (std::size_t i = pos; i < end + 2; ++i) {
                out[i] = out[i] == '\n' ? '\n' : ' ';
            }
            pos = end + 2;
        } else {
            ++pos;
        }
    }
    return out;
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
    const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size()));
    return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

} // namespace vtrguard::config
