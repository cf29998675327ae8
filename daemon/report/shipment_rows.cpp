#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/report/shipment_rows.hpp>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <sqlite3.h>
#include <unordered_map>

namespace vtrguard::report {

namespace {

// Raw column access: SQLiteCpp's Column copies a shared pointer per call, and a million rows
// of sixteen columns made that the loader's largest cost.
std::string_view text_at(sqlite3_stmt* row, int index) {
    const unsigned char* text = sqlite3_column_text(row, index);
    if (text == nullptr) {
        return {};
    }
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): SQLite's text is UTF-8 bytes
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(row, index))};
}

std::optional<core::TimePoint> time_at(sqlite3_stmt* row, int index) {
    if (sqlite3_column_type(row, index) == SQLITE_NULL) {
        return std::nullopt;
    }
    return core::TimePoint{std::chrono::seconds{sqlite3_column_int64(row, index)}};
}

// The number reduced to upper-case letters and digits, as the sweep's key would be.
void plain_key(std::string_view number, std::string& key) {
    key.clear();
    for (const char c : number) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
    }
}

// Resolves declared carrier texts, once per distinct text: a million orders name a dozen.
class CarrierCodes {
public:
    using Resolved = std::pair<std::string, std::optional<carriers::CarrierId>>;

    explicit CarrierCodes(const carriers::Ruleset& rules)
        : m_rules(rules) {}

    const Resolved& resolve(std::string_view declared) {
        // Orders come in runs of one carrier: most rows need not even hash the text.
        if (m_last != nullptr && declared == m_last_declared) {
            return *m_last;
        }
        auto found = m_codes.find(std::string(declared));
        if (found == m_codes.end()) {
            const auto id = m_rules.find_carrier(declared);
            std::string code =
                id ? std::string(m_rules.carrier(*id).code) : core::ascii_lower(declared);
            found = m_codes.emplace(std::string(declared), Resolved{std::move(code), id}).first;
        }
        m_last_declared = found->first;
        m_last = &found->second;
        return *m_last;
    }

private:
    const carriers::Ruleset& m_rules;
    std::unordered_map<std::string, Resolved> m_codes;
    std::string_view m_last_declared; // a key of m_codes
    const Resolved* m_last = nullptr;
};

using Statement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

// The columns read_row() reads, from index 1 (0 is the row id). The sweep's verdict is a
// tracking_checks row, else `ok` under the plain key (the verdicts view, docs/store.md), and
// none for an order written since the last sweep. The last carrier lookup matters only while
// no scan is known, so CASE asks for it only then, as one text column
// (`outcome,checked_at,attempts,detail`): each column costs every row.
constexpr std::string_view k_select_shipments =
    "SELECT o.rowid, o.order_id, o.marketplace, o.category, o.carrier, o.tracking_number, "
    "CASE WHEN q.order_row IS NULL THEN c.tracking_key END, "
    "CASE WHEN q.order_row IS NULL AND o.tracking_number IS NOT NULL "
    "     THEN COALESCE(c.verdict, 'ok') END, "
    "o.service_level, o.ship_from_country, o.ship_to_country, o.order_value, "
    "o.status, o.deliver_by, o.ship_confirmed_at, o.first_scan_at, o.tracking_uploaded_at, "
    "CASE WHEN o.first_scan_at IS NULL THEN (SELECT l.outcome || ',' || l.checked_at || ',' || "
    "l.attempts || ',' || COALESCE(l.detail, '') FROM carrier_lookups AS l "
    "WHERE l.order_id = o.order_id AND l.number = COALESCE(c.tracking_key, "
    "upper(replace(replace(o.tracking_number, ' ', ''), '-', '')))) END "
    "FROM orders AS o LEFT JOIN tracking_checks AS c ON c.order_row = o.rowid "
    "LEFT JOIN sweep_queue AS q ON q.order_row = o.rowid "
    "WHERE o.status IN ('shipped', 'cancelled') ";

// Reads the lookup column of k_select_shipments into `shipment`.
void read_lookup(std::string_view text, Shipment& shipment) {
    shipment.lookup_outcome.reset();
    shipment.lookup_checked_at.reset();
    shipment.lookup_attempts = 0;
    shipment.lookup_detail.clear();
    if (text.empty()) {
        return;
    }
    const auto next = [&text] {
        const auto comma = std::min(text.find(','), text.size());
        const auto field = text.substr(0, comma);
        text.remove_prefix(std::min(comma + 1, text.size()));
        return field;
    };
    const auto number = [](std::string_view field) {
        std::int64_t value = 0;
        std::from_chars(field.data(), field.data() + field.size(), value);
        return value;
    };
    shipment.lookup_outcome = tracking::parse_lookup_outcome(next());
    shipment.lookup_checked_at = core::TimePoint{std::chrono::seconds{number(next())}};
    shipment.lookup_attempts = static_cast<int>(number(next()));
    shipment.lookup_detail.assign(text);
}

} // namespace

struct ShipmentReader::Impl {
    explicit Impl(const std::filesystem::path& database)
        : db(database.string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX)
        , validator(carriers::Ruleset::builtin())
        , codes(carriers::Ruleset::builtin()) {
        db.setBusyTimeout(5000);
        // One snapshot for every read; closing the connection ends it.
        db.exec("BEGIN");
    }

    Result<Statement> prepare(const std::string& sql) {
        sqlite3_stmt* prepared = nullptr;
        if (sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &prepared, nullptr) != SQLITE_OK) {
            return error();
        }
        return Statement(prepared, sqlite3_finalize);
    }

    tl::unexpected<Error> error() {
        return fail(ErrorCode::store,
                    fmt::format("read shipments: {}", sqlite3_errmsg(db.getHandle())));
    }

    // Fills `shipment` from the current row of k_select_shipments.
    void read_row(sqlite3_stmt* row, Shipment& shipment) {
        shipment.order_id.assign(text_at(row, 1));
        shipment.marketplace.assign(text_at(row, 2));
        shipment.category.assign(text_at(row, 3));
        shipment.carrier.assign(text_at(row, 4));
        shipment.tracking_number.assign(text_at(row, 5));
        shipment.tracking_key.assign(text_at(row, 6));
        shipment.verdict.assign(text_at(row, 7));
        shipment.service_level.assign(text_at(row, 8));
        shipment.ship_from_country.assign(text_at(row, 9));
        shipment.ship_to_country.assign(text_at(row, 10));
        shipment.order_value.reset();
        if (sqlite3_column_type(row, 11) != SQLITE_NULL) {
            shipment.order_value = sqlite3_column_double(row, 11);
        }
        shipment.is_cancelled = text_at(row, 12) == "cancelled";
        shipment.deliver_by = time_at(row, 13);
        shipment.ship_confirmed_at = time_at(row, 14);
        shipment.first_scan_at = time_at(row, 15);
        shipment.tracking_uploaded_at = time_at(row, 16);
        read_lookup(text_at(row, 17), shipment);
        const auto& [code, id] = codes.resolve(shipment.carrier);
        shipment.carrier_code.assign(code);
        if (!id && !shipment.carrier.empty()) {
            // A carrier vtrguard has no format rules for: its scans decide, not the
            // engine's guess (marketplace-policy.md: ask the carrier, do not reject).
            shipment.verdict.assign("unknown_format");
        } else if (!shipment.tracking_number.empty() && shipment.verdict.empty()) {
            // Imported after the last sweep: judge it the way the sweep will.
            const auto verdict = validator.validate(shipment.tracking_number, id);
            shipment.verdict.assign(carriers::reason_name(verdict.reason));
        }
        if (shipment.tracking_key.empty()) {
            plain_key(shipment.tracking_number, shipment.tracking_key);
        }
    }

    SQLite::Database db;
    carriers::Validator validator;
    CarrierCodes codes;
    Shipment buffer;
};

ShipmentReader::ShipmentReader(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}

ShipmentReader::ShipmentReader(ShipmentReader&&) noexcept = default;
ShipmentReader& ShipmentReader::operator=(ShipmentReader&&) noexcept = default;
ShipmentReader::~ShipmentReader() = default;

Result<ShipmentReader> ShipmentReader::open(const std::filesystem::path& database) {
    try {
        return ShipmentReader(std::make_unique<Impl>(database));
    } catch (const SQLite::Exception& error) {
        return fail(ErrorCode::store, fmt::format("read shipments: {}", error.what()));
    }
}

Result<std::size_t> ShipmentReader::for_each(
    core::TimePoint from,
    core::TimePoint to,
    const std::function<void(const Shipment& shipment, std::int64_t id)>& visit) {
    auto statement = m_impl->prepare(std::string(k_select_shipments)
                                     + "AND COALESCE(o.deliver_by, o.ship_confirmed_at) >= ?1 "
                                       "AND COALESCE(o.deliver_by, o.ship_confirmed_at) < ?2");
    if (!statement) {
        return tl::unexpected(statement.error());
    }
    sqlite3_stmt* row = statement->get();
    sqlite3_bind_int64(row, 1, from.time_since_epoch().count());
    sqlite3_bind_int64(row, 2, to.time_since_epoch().count());
    std::size_t rows = 0;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(row)) == SQLITE_ROW) {
        m_impl->read_row(row, m_impl->buffer);
        visit(m_impl->buffer, sqlite3_column_int64(row, 0));
        ++rows;
    }
    if (step != SQLITE_DONE) {
        return m_impl->error();
    }
    return rows;
}

Result<std::vector<IdentifiedShipment>> ShipmentReader::by_ids(std::span<const std::int64_t> ids) {
    auto statement = m_impl->prepare(std::string(k_select_shipments) + "AND o.rowid = ?1");
    if (!statement) {
        return tl::unexpected(statement.error());
    }
    sqlite3_stmt* row = statement->get();
    std::vector<IdentifiedShipment> shipments;
    for (const auto id : ids) {
        sqlite3_reset(row);
        sqlite3_bind_int64(row, 1, id);
        const int step = sqlite3_step(row);
        if (step == SQLITE_ROW) {
            shipments.emplace_back(id, Shipment{});
            m_impl->read_row(row, shipments.back().second);
        } else if (step != SQLITE_DONE) {
            return m_impl->error();
        }
    }
    return shipments;
}

Result<std::vector<Shipment>>
load_shipments(const std::filesystem::path& database, core::TimePoint from, core::TimePoint to) {
    auto reader = ShipmentReader::open(database);
    if (!reader) {
        return tl::unexpected(reader.error());
    }
    std::vector<Shipment> shipments;
    auto read = reader->for_each(from, to, [&shipments](const Shipment& shipment, std::int64_t) {
        shipments.push_back(shipment);
    });
    if (!read) {
        return tl::unexpected(read.error());
    }
    return shipments;
}

} // namespace vtrguard::report
