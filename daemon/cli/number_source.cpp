#include "number_source.hpp"

#include <fmt/format.h>

#include <string_view>

namespace vtrguard::cli {

namespace {

using traits = std::char_traits<char>;

std::string_view trim_line_end(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line;
}

bool is_skipped(std::string_view line) {
    const auto first = line.find_first_not_of(" \t");
    return first == std::string_view::npos || line[first] == '#';
}

} // namespace

std::optional<std::size_t> NumberReader::read_line() {
    m_line.clear();
    if (traits::eq_int_type(m_in.sgetc(), traits::eof())) {
        return std::nullopt;
    }
    std::size_t length = 0;
    while (true) {
        const auto c = m_in.sbumpc();
        if (traits::eq_int_type(c, traits::eof()) || c == '\n') {
            return length;
        }
        ++length;
        if (m_line.size() <= k_max_line_bytes) {
            m_line.push_back(traits::to_char_type(c));
        }
        if (length > k_max_line_bytes + m_max_skip_bytes) {
            return length; // the caller stops: no line end in sight
        }
    }
}

bool NumberReader::next(NumberLine& out) {
    while (!m_is_done) {
        const auto length = read_line();
        if (!length) {
            m_is_done = true;
            break;
        }
        ++m_line_number;
        out.text.clear();
        out.line = m_line_number;
        out.problem.reset();
        out.is_fatal = false;
        if (*length > k_max_line_bytes + m_max_skip_bytes) {
            m_is_done = true;
            out.is_fatal = true;
            const std::size_t limit = k_max_line_bytes + m_max_skip_bytes;
            out.problem = limit >= (std::size_t{1} << 20U)
                              ? fmt::format("no line break within {} MiB: not a list of numbers; "
                                            "stopped reading",
                                            limit >> 20U)
                              : fmt::format("no line break within {} bytes: not a list of "
                                            "numbers; stopped reading",
                                            limit);
            return true;
        }
        if (*length > k_max_line_bytes) {
            out.problem = fmt::format(
                "line is {} bytes, over the {}-byte limit; skipped", *length, k_max_line_bytes);
            return true;
        }
        std::string_view line = m_line;
        if (m_line_number == 1 && line.starts_with("\xEF\xBB\xBF")) {
            line.remove_prefix(3); // a UTF-8 byte-order mark, as spreadsheets write
        }
        if (line.find('\0') != std::string_view::npos) {
            out.problem = "binary data (a NUL byte); skipped";
            return true;
        }
        line = trim_line_end(line);
        if (is_skipped(line)) {
            continue;
        }
        out.text.assign(line);
        return true;
    }
    return false;
}

} // namespace vtrguard::cli
