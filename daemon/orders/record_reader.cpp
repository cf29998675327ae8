#include <vtrguard/orders/record_reader.hpp>

#include <fmt/format.h>

namespace vtrguard::orders {

namespace {

constexpr int k_eof = std::char_traits<char>::eof();

// "128 MiB" for the stated limit, exact bytes for the small ones tests use.
std::string size_in_words(std::size_t bytes) {
    return bytes >= (std::size_t{1} << 20U) ? fmt::format("{} MiB", bytes >> 20U)
                                            : fmt::format("{} bytes", bytes);
}

} // namespace

RecordReader::RecordReader(std::istream& in,
                           char delimiter,
                           bool is_quoted,
                           std::size_t max_record_bytes,
                           std::size_t max_skip_bytes)
    : m_in(in.rdbuf())
    , m_delimiter(delimiter)
    , m_is_quoted(is_quoted)
    , m_max_record_bytes(max_record_bytes)
    , m_max_skip_bytes(max_skip_bytes) {}

int RecordReader::peek() {
    if (m_replay_at < m_replay.size()) {
        return static_cast<unsigned char>(m_replay[m_replay_at]);
    }
    return m_in->sgetc();
}

int RecordReader::bump() {
    if (m_replay_at < m_replay.size()) {
        return static_cast<unsigned char>(m_replay[m_replay_at++]);
    }
    return m_in->sbumpc();
}

// A byte of the current record: counted, and kept in m_raw while the record is within its
// limit so that it can be read again.
int RecordReader::take() {
    const int c = bump();
    if (c != k_eof) {
        ++m_record_bytes;
        if (m_raw.size() <= m_max_record_bytes) {
            m_raw.push_back(static_cast<char>(c));
        }
    }
    return c;
}

// Skips to the end of the line; false (with a fatal error) when no line end comes within
// m_max_skip_bytes.
bool RecordReader::skip_line(Record& record) {
    std::size_t skipped = 0;
    int c = 0;
    while ((c = bump()) != k_eof && c != '\n') {
        if (++skipped > m_max_skip_bytes) {
            record.error = fmt::format("no line break within {}: not delimited text; stopped "
                                       "reading",
                                       size_in_words(m_max_skip_bytes + m_max_record_bytes));
            record.is_fatal = true;
            m_is_stopped = true;
            return false;
        }
    }
    ++m_line;
    return true;
}

// Rejects the current record. When it ran over a line break, reading goes on at the line
// after its first one (the bytes already read are read again); otherwise after its line.
void RecordReader::reject(Record& record, std::string why) {
    record.fields.clear();
    record.error = std::move(why);
    const auto first_break = m_raw.find('\n');
    if (first_break == std::string::npos) {
        skip_line(record);
        return;
    }
    std::string replay = m_raw.substr(first_break + 1);
    replay.append(m_replay, m_replay_at);
    m_replay = std::move(replay);
    m_replay_at = 0;
    m_line = record.line + 1;
}

bool RecordReader::read_quoted(std::string& field, Record& record, std::size_t field_number) {
    const std::size_t start_line = m_line;
    while (true) {
        const int c = take();
        if (c == k_eof || m_record_bytes > m_max_record_bytes) {
            reject(record,
                   fmt::format("the quote opening field {} on line {} never closes ({}); the "
                               "row is rejected and reading goes on at line {}",
                               field_number,
                               start_line,
                               c == k_eof ? "the file ends first"
                                          : fmt::format("not within {} bytes", m_max_record_bytes),
                               record.line + 1));
            return false;
        }
        if (c == '"') {
            if (peek() != '"') {
                return true;
            }
            take();
        } else if (c == '\n') {
            ++m_line;
        }
        field.push_back(static_cast<char>(c));
    }
}

bool RecordReader::next(Record& record) {
    record.fields.clear();
    record.error.reset();
    record.is_fatal = false;
    if (m_is_stopped) {
        return false;
    }
    if (m_is_at_start) {
        m_is_at_start = false;
        // A UTF-8 byte order mark, as spreadsheet programs write.
        if (peek() == 0xEF) {
            bump();
            bump();
            bump();
        }
    }
    // Blank lines are not records.
    while (peek() == '\n' || peek() == '\r') {
        if (bump() == '\n') {
            ++m_line;
        }
    }
    if (peek() == k_eof) {
        m_replay.clear();
        return false;
    }
    record.line = m_line;
    m_record_bytes = 0;
    m_raw.clear();
    std::string field;
    bool is_field_start = true;
    while (true) {
        if (m_record_bytes > m_max_record_bytes) {
            reject(record, fmt::format("the line is longer than {} bytes", m_max_record_bytes));
            return true;
        }
        if (m_is_quoted && is_field_start && peek() == '"') {
            take();
            if (!read_quoted(field, record, record.fields.size() + 1)) {
                return true;
            }
            const int after = peek();
            if (after != m_delimiter && after != '\n' && after != '\r' && after != k_eof) {
                reject(record,
                       "text after a closing quote (quote the whole field, double the quotes "
                       "inside)");
                return true;
            }
            is_field_start = false;
            continue;
        }
        const int c = take();
        if (c == k_eof || c == '\n') {
            if (!field.empty() && field.back() == '\r') {
                field.pop_back();
            }
            record.fields.push_back(std::move(field));
            if (c == '\n') {
                ++m_line;
            }
            return true;
        }
        if (c == m_delimiter) {
            record.fields.push_back(std::move(field));
            field.clear();
            is_field_start = true;
            continue;
        }
        field.push_back(static_cast<char>(c));
        is_field_start = false;
    }
}

} // namespace vtrguard::orders
