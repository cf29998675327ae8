#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace vtrguard::orders {

// One row of a delimited file.
struct Record {
    std::size_t line = 0; // 1-based line the record starts on
    std::vector<std::string> fields;
    std::optional<std::string> error; // why the row could not be read; fields are then empty
    bool is_fatal = false;            // the reader stopped here: the rest of the input was not read
};

// How far past the record limit a line is skipped in search of its end; input with no line
// break for this long (`/dev/zero`, a binary file) is not delimited text, and reading stops.
inline constexpr std::size_t k_max_skip_bytes = std::size_t{128} << 20U;

// Reads delimited records one at a time without holding more than one record in memory.
// With `is_quoted`, fields follow RFC 4180 (double quotes, "" for a quote, line breaks inside
// quotes); without, every delimiter and line break separates (Amazon's tab-separated reports).
// CRLF and LF both end lines; a UTF-8 BOM at the start is dropped; blank lines are skipped.
// A record longer than `max_record_bytes` is reported with `error` and skipped up to the next
// line break, so a long line costs time, not memory; a line running on past `max_skip_bytes`
// ends the reading with a fatal error. A record that goes wrong after a line break inside
// quotes (a quote that never closes, text after a closing quote) is reported on the line where
// it starts and reading resumes on the next line, so the rows a stray quote swallowed are read
// again, never lost. Memory stays within about twice `max_record_bytes`.
class RecordReader {
public:
    RecordReader(std::istream& in,
                 char delimiter,
                 bool is_quoted,
                 std::size_t max_record_bytes,
                 std::size_t max_skip_bytes = k_max_skip_bytes);

    // Reads the next record into `record`; false at the end of the input.
    bool next(Record& record);

private:
    int peek();
    int bump();
    int take();
    bool skip_line(Record& record);
    bool read_quoted(std::string& field, Record& record, std::size_t field_number);
    void reject(Record& record, std::string why);

    std::streambuf* m_in;
    std::string m_raw;    // the current record's bytes as read, to read again after an error
    std::string m_replay; // bytes to read again before the stream
    std::size_t m_replay_at = 0;
    bool m_is_stopped = false;
    char m_delimiter;
    bool m_is_quoted;
    std::size_t m_max_record_bytes;
    std::size_t m_max_skip_bytes;
    std::size_t m_line = 1;
    std::size_t m_record_bytes = 0;
    bool m_is_at_start = true;
};

} // namespace vtrguard::orders
