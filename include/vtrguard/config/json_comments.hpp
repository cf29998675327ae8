#pragma once

#include <vtrguard/core/result.hpp>

#include <string>
#include <string_view>

namespace vtrguard::config {

// `text` with its `// …` and `/* … */` comments replaced by spaces (line breaks kept, so
// parser offsets still point at the right line). Comment markers inside JSON strings are left
// alone. An unterminated block comment is an error. Pure.
Result<std::string> strip_json_comments(std::string_view text);

// The 1-based line of byte `offset` in `text`.
std::size_t line_of_offset(std::string_view text, std::size_t offset);

} // namespace vtrguard::config
