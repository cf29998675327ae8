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
)sql",
                                                                      R"sql(
DROP VIEW verdicts;
DROP INDEX orders_next_due;
DROP INDEX orders_tracking_key;
ALTER TABLE orders DROP COLUMN tracking_key;
ALTER TABLE orders DROP COLUMN tracking_verdict;
ALTER TABLE orders DROP COLUMN checked_at;
CREATE INDEX orders_plain_number
    ON orders (upper(replace(replace(tracking_number, ' ', ''), '-', '')));
CREATE INDEX orders_open_ship_by ON orders (ship_by) WHERE status = 'awaiting';
CREATE TABLE sweep_queue (order_row INTEGER PRIMARY KEY);
CREATE TABLE tracking_checks (
    order_row    INTEGER PRIMARY KEY,
    tracking_key TEXT,
    verdict      TEXT NOT NULL,
    checked_at   INTEGER NOT NULL
);
CREATE INDEX tracking_checks_key ON tracking_checks (tracking_key);
CREATE TABLE sweep_timers (order_row INTEGER PRIMARY KEY, due_at INTEGER NOT NULL);
CREATE INDEX sweep_timers_due ON sweep_timers (due_at);
CREATE TABLE sweep_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_swept_at INTEGER NOT NULL,
    settings      TEXT NOT NULL
);
-- INSERT OR IGNORE would not do in a trigger: an UPSERT's own conflict policy overrides it.
CREATE TRIGGER orders_queue_insert AFTER INSERT ON orders BEGIN
    INSERT INTO sweep_queue (order_row) SELECT NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM sweep_queue WHERE order_row = NEW.rowid);
END;
CREATE TRIGGER orders_queue_update AFTER UPDATE ON orders BEGIN
    INSERT INTO sweep_queue (order_row) SELECT NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM sweep_queue WHERE order_row = NEW.rowid);
END;
-- Orders that shared the old number may have lost their duplicate.
CREATE TRIGGER orders_queue_sharers AFTER UPDATE OF tracking_number, status ON orders
WHEN OLD.tracking_number IS NOT NULL
     AND (OLD.tracking_number IS NOT NEW.tracking_number OR OLD.status IS NOT NEW.status)
BEGIN
    INSERT INTO sweep_queue (order_row)
        SELECT row FROM (
            SELECT rowid AS row FROM orders
            WHERE upper(replace(replace(tracking_number, ' ', ''), '-', ''))
                  IN (upper(replace(replace(OLD.tracking_number, ' ', ''), '-', '')),
                      (SELECT tracking_key FROM tracking_checks WHERE order_row = OLD.rowid))
            UNION
            SELECT order_row FROM tracking_checks
            WHERE tracking_key IN (upper(replace(replace(OLD.tracking_number, ' ', ''), '-', '')),
                                   (SELECT tracking_key FROM tracking_checks
                                    WHERE order_row = OLD.rowid)))
        WHERE row NOT IN (SELECT order_row FROM sweep_queue);
END;
CREATE TRIGGER orders_forget AFTER DELETE ON orders BEGIN
    INSERT INTO sweep_queue (order_row)
        SELECT rowid FROM orders
        WHERE upper(replace(replace(tracking_number, ' ', ''), '-', ''))
              IN (upper(replace(replace(OLD.tracking_number, ' ', ''), '-', '')),
                  (SELECT tracking_key FROM tracking_checks WHERE order_row = OLD.rowid))
          AND rowid NOT IN (SELECT order_row FROM sweep_queue);
    DELETE FROM sweep_queue WHERE order_row = OLD.rowid;
    DELETE FROM tracking_checks WHERE order_row = OLD.rowid;
    DELETE FROM sweep_timers WHERE order_row = OLD.rowid;
END;
CREATE VIEW verdicts AS
    SELECT o.order_id, o.carrier, o.tracking_number,
           COALESCE(c.tracking_key,
                    upper(replace(replace(o.tracking_number, ' ', ''), '-', ''))) AS tracking_key,
           COALESCE(c.verdict, 'ok') AS verdict, c.checked_at
    FROM orders AS o LEFT JOIN tracking_checks AS c ON c.order_row = o.rowid
    WHERE o.tracking_number IS NOT NULL
      AND o.rowid NOT IN (SELECT order_row FROM sweep_queue);
INSERT INTO sweep_queue (order_row) SELECT rowid FROM orders;
)sql",
                                                                      R"sql(
-- Orders whose number may need a carrier lookup: the lookup scheduler reads this queue and
-- carrier_lookups' next_at index, never the whole orders table.
CREATE TABLE lookup_queue (order_row INTEGER PRIMARY KEY);
CREATE TRIGGER orders_lookup_insert AFTER INSERT ON orders
WHEN NEW.tracking_number IS NOT NULL
BEGIN
    INSERT INTO lookup_queue (order_row) SELECT NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM lookup_queue WHERE order_row = NEW.rowid);
END;
CREATE TRIGGER orders_lookup_update AFTER UPDATE OF tracking_number, carrier, status ON orders
WHEN NEW.tracking_number IS NOT NULL
     AND (OLD.tracking_number IS NOT NEW.tracking_number OR OLD.carrier IS NOT NEW.carrier
          OR OLD.status IS NOT NEW.status)
BEGIN
    INSERT INTO lookup_queue (order_row) SELECT NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM lookup_queue WHERE order_row = NEW.rowid);
END;
CREATE TRIGGER orders_lookup_forget AFTER DELETE ON orders BEGIN
    DELETE FROM lookup_queue WHERE order_row = OLD.rowid;
END;
INSERT INTO lookup_queue (order_row)
    SELECT rowid FROM orders WHERE tracking_number IS NOT NULL AND status <> 'cancelled';
)sql",
                                                                      R"sql(
-- The packages a marketplace holds for an order (source `amazon:<account>`), and the seller's
-- own copy (source `seller`) where it differs from the marketplace's first package. The
-- order's carrier and tracking_number stay what the sweep and the lookups read.
CREATE TABLE packages (
    order_id           TEXT NOT NULL,
    source             TEXT NOT NULL,
    package_ref        TEXT NOT NULL,
    position           INTEGER NOT NULL DEFAULT 0,
    carrier            TEXT,
    carrier_name       TEXT,
    tracking_number    TEXT,
    ship_time          INTEGER,
    marketplace_status TEXT,
    updated_at         INTEGER NOT NULL,
    PRIMARY KEY (order_id, source, package_ref)
);
CREATE INDEX packages_source ON packages (source);
-- A seller's write of another number than the marketplace's first package keeps the seller's
-- copy; writing the marketplace's number again drops it.
CREATE TRIGGER orders_seller_copy AFTER UPDATE OF tracking_number, carrier ON orders
WHEN NEW.tracking_number IS NOT NULL
BEGIN
    DELETE FROM packages
    WHERE order_id = NEW.order_id AND source = 'seller'
      AND package_ref IN (
          SELECT package_ref FROM packages
          WHERE order_id = NEW.order_id AND source <> 'seller' AND position = 0
            AND upper(replace(replace(tracking_number, ' ', ''), '-', ''))
                = upper(replace(replace(NEW.tracking_number, ' ', ''), '-', '')));
    INSERT INTO packages (order_id, source, package_ref, carrier, tracking_number, updated_at)
        SELECT NEW.order_id, 'seller', package_ref, NEW.carrier, NEW.tracking_number, unixepoch()
        FROM packages
        WHERE order_id = NEW.order_id AND source <> 'seller' AND position = 0
          AND upper(replace(replace(tracking_number, ' ', ''), '-', ''))
              <> upper(replace(replace(NEW.tracking_number, ' ', ''), '-', ''))
    ON CONFLICT (order_id, source, package_ref) DO UPDATE SET
        carrier = excluded.carrier, tracking_number = excluded.tracking_number,
        updated_at = excluded.updated_at;
END;
CREATE TRIGGER orders_packages_forget AFTER DELETE ON orders BEGIN
    DELETE FROM packages WHERE order_id = OLD.order_id;
END;
CREATE TABLE source_marketplaces (
    source       TEXT NOT NULL,
    marketplace  TEXT NOT NULL,
    watermark    INTEGER,
    last_poll_at INTEGER,
    orders_seen  INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    PRIMARY KEY (source, marketplace)
);
CREATE TABLE tracking_mismatches (
    id                 INTEGER PRIMARY KEY,
    order_id           TEXT NOT NULL,
    package_ref        TEXT NOT NULL,
    source             TEXT NOT NULL,
    seller_carrier     TEXT,
    seller_number      TEXT,
    marketplace_carrier TEXT,
    marketplace_number TEXT,
    raised_at          INTEGER NOT NULL,
    resolved_at        INTEGER
);
CREATE UNIQUE INDEX tracking_mismatches_open
    ON tracking_mismatches (order_id, package_ref) WHERE resolved_at IS NULL;
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
