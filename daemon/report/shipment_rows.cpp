#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/report/evaluate.hpp>
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

// A shipment's tracking_key: the sweep's key of its number, else the number reduced to
// upper-case letters and digits, as the sweep's key would be.
void tracking_key_of(std::string_view checks_key, std::string_view number, std::string& key) {
    key.assign(checks_key);
    if (!key.empty()) {
        return;
    }
    for (const char c : number) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
    }
}

std::string_view value_text(sqlite3_value* value) {
    const unsigned char* text = sqlite3_value_text(value);
    if (text == nullptr) {
        return {};
    }
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): SQLite's text is UTF-8 bytes
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_value_bytes(value))};
}

// SQL `vtrguard_number_key(checks_key, tracking_number)`: the number_key() read_row() gives the
// shipment, NULL when it has none. Its user data is a std::string to build the key in.
void number_key_function(sqlite3_context* context, int /*count*/, sqlite3_value** values) {
    auto& key = *static_cast<std::string*>(sqlite3_user_data(context));
    const auto number = value_text(values[1]);
    tracking_key_of(value_text(values[0]), number, key);
    const auto text = number_key(key, number);
    if (text.empty()) {
        sqlite3_result_null(context);
    } else {
        sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
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

// The orders with their sweep verdict, a tracking_checks row, and whether they were written since
// the last sweep (queued): then the verdict is stale and read_row() judges the number again.
constexpr std::string_view k_orders =
    "FROM orders AS o LEFT JOIN tracking_checks AS c ON c.order_row = o.rowid "
    "LEFT JOIN sweep_queue AS q ON q.order_row = o.rowid ";

// The sweep's key of a number that was not written since.
constexpr std::string_view k_checks_key = "CASE WHEN q.order_row IS NULL THEN c.tracking_key END";

// The window dates ?1 ≤ date < ?2.
constexpr std::string_view k_in_window = "AND COALESCE(o.deliver_by, o.ship_confirmed_at) >= ?1 "
                                         "AND COALESCE(o.deliver_by, o.ship_confirmed_at) < ?2";

// The columns read_row() reads, from index 1 (0 is the row id), of the shipped and cancelled
// orders `where` selects. The sweep's verdict is a tracking_checks row, else `ok` under the
// plain key (the verdicts view, docs/store.md), and none for an order written since the last
// sweep. The last carrier lookup matters only while no scan is known, so CASE asks for it only
// then, as one text column (`outcome,checked_at,attempts,detail`): each column costs every row.
std::string select_shipments(std::string_view where) {
    return fmt::format(
        "SELECT o.rowid, o.order_id, o.marketplace, o.category, o.carrier, o.tracking_number, "
        "{}, "
        "CASE WHEN q.order_row IS NULL AND o.tracking_number IS NOT NULL "
        "     THEN COALESCE(c.verdict, 'ok') END, "
        "o.service_level, o.ship_from_country, o.ship_to_country, o.order_value, "
        "o.status, o.deliver_by, o.ship_confirmed_at, o.first_scan_at, o.tracking_uploaded_at, "
        "CASE WHEN o.first_scan_at IS NULL THEN (SELECT l.outcome || ',' || l.checked_at || ',' "
        "|| l.attempts || ',' || COALESCE(l.detail, '') FROM carrier_lookups AS l "
        "WHERE l.order_id = o.order_id AND l.number = COALESCE(c.tracking_key, "
        "upper(replace(replace(o.tracking_number, ' ', ''), '-', '')))) END "
        "{}WHERE o.status IN ('shipped', 'cancelled') {}",
        k_checks_key,
        k_orders,
        where);
}

// Reads the lookup column of select_shipments() into `shipment`.
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
        db.createFunction("vtrguard_number_key", 2, true, &key_buffer, number_key_function);
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

    // `sql` with the window [from, to) bound to ?1 and ?2.
    Result<Statement>
    prepare_window(const std::string& sql, core::TimePoint from, core::TimePoint to) {
        auto statement = prepare(sql);
        if (statement) {
            sqlite3_bind_int64(statement->get(), 1, from.time_since_epoch().count());
            sqlite3_bind_int64(statement->get(), 2, to.time_since_epoch().count());
        }
        return statement;
    }

    // Calls `on_row` with `statement` at each of its rows; returns how many there were.
    template <typename OnRow>
    Result<std::size_t> each_row(const Statement& statement, OnRow&& on_row) {
        sqlite3_stmt* row = statement.get();
        std::size_t rows = 0;
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(row)) == SQLITE_ROW) {
            on_row(row);
            ++rows;
        }
        if (step != SQLITE_DONE) {
            return error();
        }
        return rows;
    }

    tl::unexpected<Error> error() {
        return fail(ErrorCode::store,
                    fmt::format("read shipments: {}", sqlite3_errmsg(db.getHandle())));
    }

    // Fills `shipment` from the current row of select_shipments().
    void read_row(sqlite3_stmt* row, Shipment& shipment) {
        shipment.order_id.assign(text_at(row, 1));
        shipment.marketplace.assign(text_at(row, 2));
        shipment.category.assign(text_at(row, 3));
        shipment.carrier.assign(text_at(row, 4));
        shipment.tracking_number.assign(text_at(row, 5));
        tracking_key_of(text_at(row, 6), shipment.tracking_number, shipment.tracking_key);
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
    }

    SQLite::Database db;
    carriers::Validator validator;
    CarrierCodes codes;
    Shipment buffer;
    std::string key_buffer; // for number_key_function
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
    auto statement = m_impl->prepare_window(select_shipments(k_in_window), from, to);
    if (!statement) {
        return tl::unexpected(statement.error());
    }
    return m_impl->each_row(*statement, [this, &visit](sqlite3_stmt* row) {
        m_impl->read_row(row, m_impl->buffer);
        visit(m_impl->buffer, sqlite3_column_int64(row, 0));
    });
}

Result<std::vector<IdentifiedShipment>> ShipmentReader::by_ids(std::span<const std::int64_t> ids) {
    auto statement = m_impl->prepare(select_shipments("AND o.rowid = ?1"));
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

Result<std::vector<std::string>> ShipmentReader::reused_numbers(core::TimePoint from,
                                                                core::TimePoint to) {
    // Named once, the key is computed once per row, for the sorter.
    auto statement = m_impl->prepare_window(
        fmt::format("SELECT vtrguard_number_key({}, o.tracking_number) AS number {}"
                    "WHERE o.status = 'shipped' {} GROUP BY number HAVING count(*) > 1",
                    k_checks_key,
                    k_orders,
                    k_in_window),
        from,
        to);
    if (!statement) {
        return tl::unexpected(statement.error());
    }
    std::vector<std::string> numbers;
    auto read = m_impl->each_row(*statement, [&numbers](sqlite3_stmt* row) {
        if (sqlite3_column_type(row, 0) != SQLITE_NULL) { // the shipments without a number
            numbers.emplace_back(text_at(row, 0));
        }
    });
    if (!read) {
        return tl::unexpected(read.error());
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

} // namespace vtrguard::report
