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
};

// Reads delimited records one at a time without holding more than one record in memory.
// With `is_quoted`, fields follow RFC 4180 (double quotes, "" for a quote, line breaks inside
// quotes); without, every delimiter and line break separates (Amazon's tab-separated reports).
// CRLF and LF both end lines; a UTF-8 BOM at the start is dropped; blank lines are skipped.
// A record longer than `max_record_bytes` is reported with `error` and skipped up to the next
// line break, so a 100 MB line costs time, not memory.
class RecordReader {
public:
    RecordReader(std::istream& in, char delimiter, bool is_quoted, std::size_t max_record_bytes);

    // Reads the next record into `record`; false at the end of the input.
    bool next(Record& record);

private:
    int take();
    void skip_line();
    bool read_quoted(std::string& field, Record& record);

    std::streambuf* m_in;
    char m_delimiter;
    bool m_is_quoted;
    std::size_t m_max_record_bytes;
    std::size_t m_line = 1;
    std::size_t m_record_bytes = 0;
    bool m_is_at_start = true;
};

} // namespace vtrguard::orders
