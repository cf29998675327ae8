#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace vtrguard::core {

// Appends `text` as a JSON string (quotes included). Control characters are escaped and bytes
// that are not valid UTF-8 become U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

// Appends `text` as one CSV field, quoted when it holds a comma, quote or line break
// (RFC 4180). Invalid UTF-8 becomes U+FFFD.
void append_csv_field(std::string& out, std::string_view text);

// Appends `text` as one CSV cell that is safe to open in a spreadsheet: a cell starting with
// `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'` (OWASP's CSV-injection rule), so it is
// shown as text and never run as a formula; otherwise as append_csv_field.
void append_spreadsheet_cell(std::string& out, std::string_view text);

// `text` with every invalid UTF-8 byte replaced by U+FFFD and control characters by `?`:
// safe to print in a terminal or a log line.
std::string printable(std::string_view text);

// `text` without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view text);

// `text` with ASCII letters in lower case; other bytes unchanged.
std::string ascii_lower(std::string_view text);

// Length of the valid UTF-8 sequence starting at text[pos], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

} // namespace vtrguard::core
