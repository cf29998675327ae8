#include "store_impl.hpp"

#include <SQLiteCpp/Transaction.h>

#include <array>

namespace vtrguard::store {

namespace {

// Migration N brings the schema from version N-1 to N. Never edit a released one: append.
constexpr std::array<std::string_view, k_schema_version> k_migrations{R"sql(
CREATE TABLE orders (
    order_id          TEXT PRIMARY KEY NOT NULL,
    marketplace       TEXT,
    purchase_date     INTEGER,
    ship_by           INTEGER,
    deliver_by        INTEGER,
    status            TEXT NOT NULL DEFAULT 'awaiting'
                      CHECK (status IN ('awaiting', 'shipped', 'cancelled')),
    carrier           TEXT,
    tracking_number   TEXT,
    ship_confirmed_at INTEGER,
    first_scan_at     INTEGER,
    category          TEXT,
    service_level     TEXT,
    updated_at        INTEGER NOT NULL DEFAULT (unixepoch()),
    next_due_at       INTEGER DEFAULT 0,
    tracking_key      TEXT,
    tracking_verdict  TEXT,
    checked_at        INTEGER
);
CREATE INDEX orders_next_due ON orders (next_due_at);
CREATE INDEX orders_tracking_key ON orders (tracking_key);
CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY,
    order_id     TEXT NOT NULL,
    condition    TEXT NOT NULL,
    level        TEXT NOT NULL CHECK (level IN ('warning', 'error', 'critical')),
    detail       TEXT,
    raised_at    INTEGER NOT NULL,
    escalated_at INTEGER,
    resolved_at  INTEGER
);
CREATE UNIQUE INDEX alerts_open ON alerts (order_id, condition) WHERE resolved_at IS NULL;
CREATE VIEW verdicts AS
    SELECT order_id, carrier, tracking_number, tracking_key, tracking_verdict AS verdict,
           checked_at
    FROM orders WHERE checked_at IS NOT NULL;
)sql",
                                                                      R"sql(
CREATE TABLE carrier_lookups (
    order_id          TEXT PRIMARY KEY NOT NULL,
    number            TEXT NOT NULL,
    first_at          INTEGER NOT NULL,
    checked_at        INTEGER NOT NULL,
    outcome           TEXT NOT NULL,
    status            TEXT,
    has_physical_scan INTEGER NOT NULL DEFAULT 0,
    first_scan_at     INTEGER,
    next_at           INTEGER,
    attempts          INTEGER NOT NULL DEFAULT 0,
    detail            TEXT
);
CREATE INDEX carrier_lookups_next ON carrier_lookups (next_at);
CREATE TABLE carrier_events (
    number        TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    time          INTEGER,
    code          TEXT,
    description   TEXT,
    location      TEXT,
    is_physical   INTEGER NOT NULL,
    PRIMARY KEY (number, seq)
);
)sql",
                                                                      R"sql(
ALTER TABLE orders ADD COLUMN ship_from_country TEXT;
ALTER TABLE orders ADD COLUMN ship_to_country TEXT;
ALTER TABLE orders ADD COLUMN order_value REAL;
ALTER TABLE orders ADD COLUMN currency TEXT;
ALTER TABLE orders ADD COLUMN tracking_uploaded_at INTEGER;
CREATE TABLE vtr_alert_state (
    marketplace TEXT NOT NULL,
    category    TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('ok', 'warning', 'below_threshold')),
    rate        REAL,
    changed_at  INTEGER NOT NULL,
    PRIMARY KEY (marketplace, category)
);
)sql"};

} // namespace

int read_schema_version(SQLite::Database& database) {
    if (!database.tableExists("schema_version")) {
        return 0;
    }
    SQLite::Statement query(database, "SELECT MAX(version) FROM schema_version");
    if (!query.executeStep() || query.getColumn(0).isNull()) {
        return 0;
    }
    return query.getColumn(0).getInt();
}

void migrate(SQLite::Database& database) {
    // Another process may migrate at the same time; the write lock taken first serializes
    // them and the version is re-read under it.
    SQLite::Transaction transaction(database, SQLite::TransactionBehavior::IMMEDIATE);
    database.exec("CREATE TABLE IF NOT EXISTS schema_version ("
                  "version INTEGER NOT NULL, applied_at INTEGER NOT NULL)");
    const int version = read_schema_version(database);
    if (version > k_schema_version) {
        throw SQLite::Exception(fmt::format("the database is at schema version {}, newer than "
                                            "this vtrguard ({}); upgrade vtrguard",
                                            version,
                                            k_schema_version));
    }
    for (int next = version + 1; next <= k_schema_version; ++next) {
        database.exec(std::string(k_migrations.at(static_cast<std::size_t>(next - 1))));
        SQLite::Statement record(database,
                                 "INSERT INTO schema_version (version, applied_at) "
                                 "VALUES (?, unixepoch())");
        record.bind(1, next);
        record.exec();
    }
    transaction.commit();
}

} // namespace vtrguard::store
