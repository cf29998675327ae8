#pragma once

#include "store_impl.hpp"

#include <vtrguard/core/time.hpp>

#include <cstdint>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace vtrguard::store {

// Column access for the row readers (read_order, read_lookup) over a raw statement. The sweep
// reads a million rows; SQLiteCpp's Column objects (a shared pointer each) cost more than the
// query itself there.
class RawRow {
public:
    explicit RawRow(sqlite3_stmt* statement)
        : m_statement(statement) {}

    bool is_null(int index) const { return sqlite3_column_type(m_statement, index) == SQLITE_NULL; }

    // Valid until the statement steps again; empty for NULL.
    std::string_view text_view(int index) const {
        const auto* bytes = sqlite3_column_text(m_statement, index);
        if (bytes == nullptr) {
            return {};
        }
        // SQLite's text is unsigned char; the bytes are UTF-8 either way.
        return {reinterpret_cast<const char*>(bytes), // NOLINT(*-reinterpret-cast)
                static_cast<std::size_t>(sqlite3_column_bytes(m_statement, index))};
    }

    std::string text(int index) const { return std::string(text_view(index)); }

    std::int64_t int64(int index) const { return sqlite3_column_int64(m_statement, index); }

    double real(int index) const { return sqlite3_column_double(m_statement, index); }

    std::optional<core::TimePoint> time(int index) const {
        if (is_null(index)) {
            return std::nullopt;
        }
        return from_unix(int64(index));
    }

    // The same, except that a value outside core::is_supported_unix_time is nothing too.
    std::optional<core::TimePoint> supported_time(int index) const {
        if (is_out_of_range_time(index)) {
            return std::nullopt;
        }
        return time(index);
    }

    bool is_out_of_range_time(int index) const {
        return !is_null(index) && !core::is_supported_unix_time(int64(index));
    }

    int column_count() const { return sqlite3_column_count(m_statement); }

private:
    sqlite3_stmt* m_statement;
};

// Steps a raw statement: true for a row, false when done. SQLite's errors become
// SQLite::Exception, as with SQLiteCpp, so guarded() reports them.
inline bool step(sqlite3_stmt* statement) {
    const int status = sqlite3_step(statement);
    if (status == SQLITE_ROW) {
        return true;
    }
    if (status != SQLITE_DONE) {
        throw SQLite::Exception(sqlite3_db_handle(statement), status);
    }
    return false;
}

// Binders for raw statements; text is copied by SQLite (the caller's buffer may go away).
inline void bind_raw(sqlite3_stmt* statement, int index, std::int64_t value) {
    sqlite3_bind_int64(statement, index, value);
}

inline void bind_raw_text(sqlite3_stmt* statement, int index, std::string_view text) {
    sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

} // namespace vtrguard::store
