#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/report/shipment_rows.hpp>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <new>
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

std::string plain_key(std::string_view number) {
    std::string key;
    for (const char c : number) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
    }
    return key;
}

// Resolves declared carrier texts, once per distinct text: a million orders name a dozen.
class CarrierCodes {
public:
    explicit CarrierCodes(const carriers::Ruleset& rules)
        : m_rules(rules) {}

    const std::pair<std::string, std::optional<carriers::CarrierId>>&
    resolve(const std::string& declared) {
        auto found = m_codes.find(declared);
        if (found != m_codes.end()) {
            return found->second;
        }
        const auto id = m_rules.find_carrier(declared);
        std::string code =
            id ? std::string(m_rules.carrier(*id).code) : core::ascii_lower(declared);
        return m_codes.emplace(declared, std::pair{std::move(code), id}).first->second;
    }

private:
    const carriers::Ruleset& m_rules;
    std::unordered_map<std::string, std::pair<std::string, std::optional<carriers::CarrierId>>>
        m_codes;
};

} // namespace

Result<std::vector<Shipment>>
load_shipments(const std::filesystem::path& database, core::TimePoint from, core::TimePoint to) {
    try {
        SQLite::Database db(database.string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
        db.setBusyTimeout(5000);
        // The sweep's verdict: a tracking_checks row, else `ok` under the plain key (the
        // verdicts view, docs/store.md); none for an order written since the last sweep. The
        // last lookup matters only while no scan is known; CASE asks for it only then.
        const auto lookup = [](std::string_view column) {
            return fmt::format(
                "CASE WHEN o.first_scan_at IS NULL THEN (SELECT l.{} FROM carrier_lookups AS l "
                "WHERE l.order_id = o.order_id AND l.number = COALESCE(c.tracking_key, "
                "upper(replace(replace(o.tracking_number, ' ', ''), '-', '')))) END",
                column);
        };
        const std::string sql = fmt::format(
            "SELECT o.order_id, o.marketplace, o.category, o.carrier, o.tracking_number, "
            "CASE WHEN q.order_row IS NULL THEN c.tracking_key END, "
            "CASE WHEN q.order_row IS NULL AND o.tracking_number IS NOT NULL "
            "     THEN COALESCE(c.verdict, 'ok') END, "
            "o.service_level, o.ship_from_country, o.ship_to_country, o.order_value, o.status, "
            "o.deliver_by, o.ship_confirmed_at, o.first_scan_at, o.tracking_uploaded_at, "
            "{}, {}, {}, {} FROM orders AS o "
            "LEFT JOIN tracking_checks AS c ON c.order_row = o.rowid "
            "LEFT JOIN sweep_queue AS q ON q.order_row = o.rowid "
            "WHERE o.status IN ('shipped', 'cancelled') "
            "AND COALESCE(o.deliver_by, o.ship_confirmed_at) >= ? "
            "AND COALESCE(o.deliver_by, o.ship_confirmed_at) < ?",
            lookup("outcome"),
            lookup("checked_at"),
            lookup("attempts"),
            lookup("detail"));
        sqlite3_stmt* prepared = nullptr;
        if (sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &prepared, nullptr) != SQLITE_OK) {
            return fail(ErrorCode::store,
                        fmt::format("read shipments: {}", sqlite3_errmsg(db.getHandle())));
        }
        const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owner(prepared,
                                                                          sqlite3_finalize);
        sqlite3_stmt* row = prepared;
        sqlite3_bind_int64(row, 1, from.time_since_epoch().count());
        sqlite3_bind_int64(row, 2, to.time_since_epoch().count());
        const auto& rules = carriers::Ruleset::builtin();
        const carriers::Validator validator(rules);
        CarrierCodes codes(rules);
        std::vector<Shipment> shipments;
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(row)) == SQLITE_ROW) {
            Shipment shipment;
            shipment.order_id = text_at(row, 0);
            shipment.marketplace = text_at(row, 1);
            shipment.category = text_at(row, 2);
            shipment.carrier = text_at(row, 3);
            shipment.tracking_number = text_at(row, 4);
            shipment.tracking_key = text_at(row, 5);
            shipment.verdict = text_at(row, 6);
            shipment.service_level = text_at(row, 7);
            shipment.ship_from_country = text_at(row, 8);
            shipment.ship_to_country = text_at(row, 9);
            if (sqlite3_column_type(row, 10) != SQLITE_NULL) {
                shipment.order_value = sqlite3_column_double(row, 10);
            }
            shipment.is_cancelled = text_at(row, 11) == "cancelled";
            shipment.deliver_by = time_at(row, 12);
            shipment.ship_confirmed_at = time_at(row, 13);
            shipment.first_scan_at = time_at(row, 14);
            shipment.tracking_uploaded_at = time_at(row, 15);
            shipment.lookup_outcome = tracking::parse_lookup_outcome(text_at(row, 16));
            shipment.lookup_checked_at = time_at(row, 17);
            shipment.lookup_attempts = sqlite3_column_int(row, 18);
            shipment.lookup_detail = text_at(row, 19);
            const auto& [code, id] = codes.resolve(shipment.carrier);
            shipment.carrier_code = code;
            if (!id && !shipment.carrier.empty()) {
                // A carrier vtrguard has no format rules for: its scans decide, not the
                // engine's guess (marketplace-policy.md: ask the carrier, do not reject).
                shipment.verdict = "unknown_format";
            } else if (!shipment.tracking_number.empty() && shipment.verdict.empty()) {
                // Imported after the last sweep: judge it the way the sweep will.
                const auto verdict = validator.validate(shipment.tracking_number, id);
                shipment.verdict = std::string(carriers::reason_name(verdict.reason));
            }
            if (shipment.tracking_key.empty()) {
                shipment.tracking_key = plain_key(shipment.tracking_number);
            }
            shipments.push_back(std::move(shipment));
        }
        if (step != SQLITE_DONE) {
            return fail(ErrorCode::store,
                        fmt::format("read shipments: {}", sqlite3_errmsg(db.getHandle())));
        }
        return shipments;
    } catch (const SQLite::Exception& error) {
        return fail(ErrorCode::store, fmt::format("read shipments: {}", error.what()));
    } catch (const std::bad_alloc&) {
        return fail(ErrorCode::store, "read shipments: out of memory");
    }
}

} // namespace vtrguard::report
