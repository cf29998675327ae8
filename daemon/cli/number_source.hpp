#pragma once

#include <cstddef>
#include <optional>
#include <streambuf>
#include <string>

namespace vtrguard::cli {

// The longest line a number list may hold; longer lines are reported and skipped.
inline constexpr std::size_t k_max_line_bytes = 4096;

// How far past k_max_line_bytes a line is skipped in search of its end: input with no line
// break for 128 MiB (`/dev/zero`, a binary file) is not a list of numbers, and reading stops
// there (the same limit as for imports).
inline constexpr std::size_t k_max_skip_bytes = std::size_t{128} << 20U;

// One line of input: a number to check, or a problem that skips the line.
struct NumberLine {
    std::string text;     // the number as written, line end and trailing blanks removed
    std::size_t line = 0; // 1-based line number, 0 for a command-line argument
    std::optional<std::string> problem; // why the line was skipped; `text` is then empty
    bool is_fatal = false;              // the problem stops the reading: nothing follows
};

// Reads a number list one line at a time in constant memory: each line is copied into the
// NumberLine it returns, so nothing points into a buffer that moves or is reused. Blank lines
// and lines starting with '#' are skipped; a line over 4 KiB or holding a NUL byte is returned
// as a problem; a line running `max_skip_bytes` past that stops the reading (a fatal problem).
// Takes any stream buffer, so a test or a fuzz target can feed it bytes from memory.
class NumberReader {
public:
    explicit NumberReader(std::streambuf& in, std::size_t max_skip_bytes = k_max_skip_bytes)
        : m_in(in)
        , m_max_skip_bytes(max_skip_bytes) {}

    // The next number or problem; false at the end of the input or after a fatal problem.
    bool next(NumberLine& out);

private:
    // Reads up to the line end into m_line, keeping at most k_max_line_bytes + 1 bytes;
    // returns the line's full length, or nullopt at the end of the input.
    std::optional<std::size_t> read_line();

    std::streambuf& m_in;
    std::size_t m_max_skip_bytes;
    std::string m_line;
    std::size_t m_line_number = 0;
    bool m_is_done = false;
};

} // namespace vtrguard::cli
