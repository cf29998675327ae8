#include "store_impl.hpp"

#include <utility>

namespace vtrguard::store {

namespace {

constexpr int k_busy_timeout_ms = 5000;

} // namespace

Store::Impl::Impl(const std::filesystem::path& path)
    // NOMUTEX: one Store per thread (store.hpp), so SQLite's own locking is pure overhead.
    : database(path.string(),
               SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
               k_busy_timeout_ms) {
    // WAL lets the import command, another program and the daemon read while one writes;
    // NORMAL is durable across process crashes, which is the failure we design for.
    database.exec("PRAGMA journal_mode = WAL");
    database.exec("PRAGMA synchronous = NORMAL");
    database.exec("PRAGMA temp_store = MEMORY");
    database.exec("PRAGMA cache_size = -32768");
}

StatementUse Store::Impl::prepare(std::string_view sql) {
    auto found = statements.find(sql);
    if (found == statements.end()) {
        found = statements
                    .emplace(std::string(sql),
                             std::make_unique<SQLite::Statement>(database, std::string(sql)))
                    .first;
    }
    auto& slot = found->second;
    slot->reset();
    slot->clearBindings();
    return StatementUse(*slot);
}

RawStatementUse Store::Impl::prepare_raw(std::string_view sql) {
    auto found = raw_statements.find(sql);
    if (found == raw_statements.end()) {
        sqlite3_stmt* prepared = nullptr;
        const int status = sqlite3_prepare_v2(
            database.getHandle(), sql.data(), static_cast<int>(sql.size()), &prepared, nullptr);
        if (status != SQLITE_OK) {
            throw SQLite::Exception(database.getHandle(), status);
        }
        found = raw_statements
                    .emplace(std::string(sql),
                             decltype(raw_statements)::mapped_type(prepared, sqlite3_finalize))
                    .first;
    }
    sqlite3_stmt* statement = found->second.get();
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return RawStatementUse(statement);
}

void bind_text_view(SQLite::Statement& statement, int index, std::string_view text) {
    // SQLiteCpp has no TEXT overload for a pointer and a size; short strings fit the small
    // string buffer, so the copy does not allocate for condition and level names.
    statement.bind(index, std::string(text));
}

void bind_optional_text(SQLite::Statement& statement, int index, std::string_view text) {
    if (text.empty()) {
        statement.bind(index);
    } else {
        bind_text_view(statement, index, text);
    }
}

Store::Store(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}

Store::Store(Store&& other) noexcept = default;
Store& Store::operator=(Store&& other) noexcept = default;

Store::~Store() {
    if (m_impl) {
        rollback();
    }
}

Result<Store> Store::open(const std::filesystem::path& path) {
    auto impl = guarded(path.string(), [&] {
        auto opened = std::make_unique<Impl>(path);
        migrate(opened->database);
        return opened;
    });
    if (!impl) {
        return tl::unexpected(impl.error());
    }
    return Store(std::move(*impl));
}

Result<int> Store::schema_version() {
    return guarded("schema_version", [&] { return read_schema_version(m_impl->database); });
}

Result<bool> Store::check_writable() {
    sqlite3* handle = m_impl->database.getHandle();
    if (sqlite3_db_readonly(handle, "main") == 1) {
        return fail(ErrorCode::store, "the database is read-only to this user");
    }
    // The write lock needs the -wal and -shm files to be writable as well.
    const int status = sqlite3_exec(handle, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (status == SQLITE_OK) {
        sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
        return true;
    }
    if ((status & 0xff) == SQLITE_BUSY || (status & 0xff) == SQLITE_LOCKED) {
        return true;
    }
    return fail(ErrorCode::store,
                fmt::format("the database cannot be written: {}", sqlite3_errmsg(handle)));
}

Result<bool> Store::begin() {
    if (m_impl->is_in_transaction) {
        return fail(ErrorCode::internal, "begin: a transaction is already open");
    }
    return guarded("begin", [&] {
        m_impl->database.exec("BEGIN IMMEDIATE");
        m_impl->is_in_transaction = true;
        return true;
    });
}

Result<bool> Store::commit() {
    if (!m_impl->is_in_transaction) {
        return fail(ErrorCode::internal, "commit: no transaction is open");
    }
    return guarded("commit", [&] {
        m_impl->database.exec("COMMIT");
        m_impl->is_in_transaction = false;
        return true;
    });
}

void Store::rollback() {
    if (!m_impl->is_in_transaction) {
        return;
    }
    m_impl->is_in_transaction = false;
    // Statements still stepping would keep the rollback from releasing their locks.
    for (auto& [sql, statement] : m_impl->statements) {
        statement->tryReset();
    }
    for (auto& [sql, statement] : m_impl->raw_statements) {
        sqlite3_reset(statement.get());
    }
    (void)guarded("rollback", [&] { return m_impl->database.tryExec("ROLLBACK"); });
}

bool Store::is_in_transaction() const {
    return m_impl->is_in_transaction;
}

Result<Transaction> Transaction::begin(Store& store) {
    auto begun = store.begin();
    if (!begun) {
        return tl::unexpected(begun.error());
    }
    return Transaction(store);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_store(std::exchange(other.m_store, nullptr)) {}

Transaction::~Transaction() {
    if (m_store != nullptr) {
        m_store->rollback();
    }
}

Result<bool> Transaction::commit() {
    if (m_store == nullptr) {
        return fail(ErrorCode::internal, "commit: the transaction is over");
    }
    auto committed = m_store->commit();
    if (committed) {
        m_store = nullptr;
    }
    return committed;
}

} // namespace vtrguard::store
