#pragma once

#include <vtrguard/core/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::cli {

// The longest line a number list may hold; longer lines are reported and skipped.
inline constexpr std::size_t k_max_line_bytes = 4096;

// One number to check, with where it came from for error messages.
struct NumberLine {
    std::string_view text;
    std::size_t line = 0; // 1-based line number, 0 for a command-line argument
};

// A problem with one line of input: the line is skipped, the rest goes on.
struct InputProblem {
    std::size_t line = 0;
    std::string why;
};

// A list of numbers read whole, so lines stay valid as views into `data`.
struct NumberList {
    std::string source; // "file.txt", "<stdin>" or "<arguments>"
    std::string data;
    std::vector<NumberLine> numbers;
    std::vector<InputProblem> problems;
};

// Reads a file (or stdin for "-"), one number per line. Blank lines and lines starting with
// '#' are skipped; a line over 4 KiB or holding a NUL byte is reported and skipped; a leading
// UTF-8 byte-order mark is dropped. Errors only when the file cannot be read.
Result<NumberList> read_number_file(const std::string& path);

// Splits an in-memory text the same way (used for files and stdin).
void split_number_lines(NumberList& list);

} // namespace vtrguard::cli
