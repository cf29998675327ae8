#include <vtrguard/orders/record_reader.hpp>

#include <fmt/format.h>

namespace vtrguard::orders {

namespace {

constexpr int k_eof = std::char_traits<char>::eof();

} // namespace

RecordReader::RecordReader(std::istream& in,
                           char delimiter,
                           bool is_quoted,
                           std::size_t max_record_bytes)
    : m_in(in.rdbuf())
    , m_delimiter(delimiter)
    , m_is_quoted(is_quoted)
    , m_max_record_bytes(max_record_bytes) {}

int RecordReader::take() {
    const int c = m_in->sbumpc();
    if (c != k_eof) {
        ++m_record_bytes;
    }
    return c;
}

void RecordReader::skip_line() {
    int c = 0;
    while ((c = m_in->sbumpc()) != k_eof && c != '\n') {
    }
    ++m_line;
}

bool RecordReader::read_quoted(std::string& field, Record& record) {
    const std::size_t start_line = m_line;
    while (true) {
        const int c = take();
        if (c == k_eof) {
            record.error = fmt::format("a quoted field opened on line {} never closes", start_line);
            return false;
        }
        if (m_record_bytes > m_max_record_bytes) {
            return false;
        }
        if (c == '"') {
            if (m_in->sgetc() != '"') {
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
    if (m_is_at_start) {
        m_is_at_start = false;
        // A UTF-8 byte order mark, as spreadsheet programs write.
        if (m_in->sgetc() == 0xEF) {
            m_in->sbumpc();
            m_in->sbumpc();
            m_in->sbumpc();
        }
    }
    // Blank lines are not records.
    while (m_in->sgetc() == '\n' || m_in->sgetc() == '\r') {
        if (m_in->sbumpc() == '\n') {
            ++m_line;
        }
    }
    if (m_in->sgetc() == k_eof) {
        return false;
    }
    record.line = m_line;
    m_record_bytes = 0;
    std::string field;
    bool is_field_start = true;
    while (true) {
        if (m_record_bytes > m_max_record_bytes) {
            record.fields.clear();
            record.error = fmt::format("the line is longer than {} bytes", m_max_record_bytes);
            skip_line();
            return true;
        }
        if (m_is_quoted && is_field_start && m_in->sgetc() == '"') {
            take();
            if (!read_quoted(field, record)) {
                if (!record.error) {
                    continue; // too long: reported at the top of the loop
                }
                record.fields.clear();
                return true;
            }
            const int after = m_in->sgetc();
            if (after != m_delimiter && after != '\n' && after != '\r' && after != k_eof) {
                record.fields.clear();
                record.error = "text after a closing quote (quote the whole field, double "
                               "the quotes inside)";
                skip_line();
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
