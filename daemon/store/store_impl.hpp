#pragma once

#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <sqlite3.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace vtrguard::store {

// One use of a cached statement: reset when the scope ends, however it ends. A cached SELECT
// left mid-rows (a return after the first row, or MIN() of nothing) keeps its read transaction
// open; the connection then holds a snapshot for ever, which locks out other writers and stops
// the WAL from being checkpointed. Every cached statement in the store is used through one of
// these, so no early return can leave one stepping.
class StatementUse {
public:
    explicit StatementUse(SQLite::Statement& statement)
        : m_statement(&statement) {}

    ~StatementUse() {
        if (m_statement != nullptr) {
            m_statement->tryReset();
        }
    }

    StatementUse(StatementUse&& other) noexcept
        : m_statement(std::exchange(other.m_statement, nullptr)) {}

    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    StatementUse& operator=(StatementUse&&) = delete;

    SQLite::Statement* operator->() const { return m_statement; }

    SQLite::Statement& operator*() const { return *m_statement; }

private:
    SQLite::Statement* m_statement;
};

// The same for a raw statement. It converts to the statement only while it is a named object:
// `sqlite3_stmt* s = impl.prepare_raw(...)` does not compile, so the guard cannot end before
// the statement's use does.
class RawStatementUse {
public:
    explicit RawStatementUse(sqlite3_stmt* statement)
        : m_statement(statement) {}

    ~RawStatementUse() {
        if (m_statement != nullptr) {
            sqlite3_reset(m_statement);
        }
    }

    RawStatementUse(RawStatementUse&& other) noexcept
        : m_statement(std::exchange(other.m_statement, nullptr)) {}

    RawStatementUse(const RawStatementUse&) = delete;
    RawStatementUse& operator=(const RawStatementUse&) = delete;
    RawStatementUse& operator=(RawStatementUse&&) = delete;

    // NOLINTNEXTLINE(google-explicit-constructor): used where a sqlite3_stmt* is, for its scope.
    operator sqlite3_stmt*() const& { return m_statement; }

    operator sqlite3_stmt*() const&& = delete;

private:
    sqlite3_stmt* m_statement;
};

struct Store::Impl {
    explicit Impl(const std::filesystem::path& path);

    // The prepared statement for `sql`, reset and with no bindings, until the returned use ends.
    // Statements are prepared once per connection: the sweep runs the same few of them a
    // million times.
    [[nodiscard]] StatementUse prepare(std::string_view sql);

    // The same for a raw statement, read through RawRow (row.hpp) where many rows are read.
    [[nodiscard]] RawStatementUse prepare_raw(std::string_view sql);

    // Statements by their SQL, found from a string_view without building a string.
    struct SqlHash {
        using is_transparent = void;

        std::size_t operator()(std::string_view sql) const {
            return std::hash<std::string_view>{}(sql);
        }
    };

    template <typename Statement>
    using StatementMap = std::unordered_map<std::string, Statement, SqlHash, std::equal_to<>>;

    SQLite::Database database;
    StatementMap<std::unique_ptr<SQLite::Statement>> statements;
    // Declared after the database: finalized before it closes.
    StatementMap<std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>> raw_statements;
    bool is_in_transaction = false;
};

// Runs `body`, turning SQLite's exceptions into ErrorCode::store errors prefixed by `what`.
template <typename Body>
auto guarded(std::string_view what, Body&& body) -> Result<decltype(body())> {
    try {
        return body();
    } catch (const SQLite::Exception& error) {
        return fail(ErrorCode::store, fmt::format("{}: {}", what, error.what()));
    } catch (const std::bad_alloc&) {
        return fail(ErrorCode::store, fmt::format("{}: out of memory", what));
    }
}

// Runs every migration the database at `database` is missing (docs/store.md).
void migrate(SQLite::Database& database);

// The version the database is at: 0 for a new file.
int read_schema_version(SQLite::Database& database);

// Binds `text` as TEXT (SQLiteCpp's overload for a pointer and a size binds a BLOB, which
// never equals TEXT).
void bind_text_view(SQLite::Statement& statement, int index, std::string_view text);

// The same, or NULL for empty text.
void bind_optional_text(SQLite::Statement& statement, int index, std::string_view text);

inline std::int64_t to_unix(core::TimePoint time) {
    return time.time_since_epoch().count();
}

inline core::TimePoint from_unix(std::int64_t seconds) {
    return core::TimePoint{std::chrono::seconds{seconds}};
}

} // namespace vtrguard::store
