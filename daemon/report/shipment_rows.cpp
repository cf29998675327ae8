#include <vtrguard/core/text.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/report/shipment_rows.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <new>
#include <unordered_map>

namespace vtrguard::report {

namespace {

std::string text_at(SQLite::Statement& row, int index) {
    const auto column = row.getColumn(index);
    return column.isNull() ? std::string() : std::string(column.getText());
}

std::optional<core::TimePoint> time_at(SQLite::Statement& row, int index) {
    const auto column = row.getColumn(index);
    if (column.isNull()) {
        return std::nullopt;
    }
    return core::TimePoint{std::chrono::seconds{column.getInt64()}};
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

    const std::pair<std::string, std::optional<carriers::CarrierId>>& resolve(const std::string& declared) {
        auto found = m_codes.find(declared);
        if (found != m_codes.end()) {
            return found->second;
        }
        const auto id = m_rules.find_carrier(declared);
        std::string code = id ? std::string(m_rules.carrier(*id).code) : core::ascii_lower(declared);
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
        SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
        db.setBusyTimeout(5000);
        SQLite::Statement query(
            db,
            "SELECT order_id, marketplace, category, carrier, tracking_number, tracking_key, "
            "tracking_verdict, service_level, ship_from_country, ship_to_country, order_value, "
            "status, deliver_by, ship_confirmed_at, first_scan_at, tracking_uploaded_at "
            "FROM orders WHERE status IN ('shipped', 'cancelled') "
            "AND COALESCE(deliver_by, ship_confirmed_at) >= ? "
            "AND COALESCE(deliver_by, ship_confirmed_at) < ?");
        query.bind(1, from.time_since_epoch().count());
        query.bind(2, to.time_since_epoch().count());
        const auto& rules = carriers::Ruleset::builtin();
        const carriers::Validator validator(rules);
        CarrierCodes codes(rules);
        std::vector<Shipment> shipments;
        while (query.executeStep()) {
            Shipment shipment;
            shipment.order_id = text_at(query, 0);
            shipment.marketplace = text_at(query, 1);
            shipment.category = text_at(query, 2);
            shipment.carrier = text_at(query, 3);
            shipment.tracking_number = text_at(query, 4);
            shipment.tracking_key = text_at(query, 5);
            shipment.verdict = text_at(query, 6);
            shipment.service_level = text_at(query, 7);
            shipment.ship_from_country = text_at(query, 8);
            shipment.ship_to_country = text_at(query, 9);
            if (const auto value = query.getColumn(10); !value.isNull()) {
                shipment.order_value = value.getDouble();
            }
            shipment.is_cancelled = text_at(query, 11) == "cancelled";
            shipment.deliver_by = time_at(query, 12);
            shipment.ship_confirmed_at = time_at(query, 13);
            shipment.first_scan_at = time_at(query, 14);
            shipment.tracking_uploaded_at = time_at(query, 15);
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
        return shipments;
    } catch (const SQLite::Exception& error) {
        return fail(ErrorCode::store, fmt::format("read shipments: {}", error.what()));
    } catch (const std::bad_alloc&) {
        return fail(ErrorCode::store, "read shipments: out of memory");
    }
}

} // namespace vtrguard::report
