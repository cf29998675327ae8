#include "store_impl.hpp"

namespace vtrguard::store {

namespace {

SourceStatus read_status(SQLite::Statement& query) {
    SourceStatus status;
    status.source = query.getColumn(0).getString();
    status.marketplace = query.getColumn(1).getString();
    if (!query.getColumn(2).isNull()) {
        status.watermark = from_unix(query.getColumn(2).getInt64());
    }
    if (!query.getColumn(3).isNull()) {
        status.last_poll_at = from_unix(query.getColumn(3).getInt64());
    }
    status.orders_seen = query.getColumn(4).getInt64();
    status.last_error = query.getColumn(5).getString();
    return status;
}

constexpr std::string_view k_status_columns =
    "source, marketplace, watermark, last_poll_at, orders_seen, last_error";

} // namespace

Result<std::optional<SourceStatus>> Store::source_status(std::string_view source,
                                                         std::string_view marketplace) {
    return guarded("read source state", [&]() -> std::optional<SourceStatus> {
        static const std::string k_sql =
            fmt::format("SELECT {} FROM source_marketplaces WHERE source = ? AND marketplace = ?",
                        k_status_columns);
        auto query = m_impl->prepare(k_sql);
        bind_text_view(*query, 1, source);
        bind_text_view(*query, 2, marketplace);
        if (!query->executeStep()) {
            return std::nullopt;
        }
        return read_status(*query);
    });
}

Result<std::vector<SourceStatus>> Store::source_statuses() {
    return guarded("read source states", [&] {
        static const std::string k_sql = fmt::format(
            "SELECT {} FROM source_marketplaces ORDER BY source, marketplace", k_status_columns);
        auto query = m_impl->prepare(k_sql);
        std::vector<SourceStatus> statuses;
        while (query->executeStep()) {
            statuses.push_back(read_status(*query));
        }
        return statuses;
    });
}

Result<bool> Store::record_poll(std::string_view source,
                                std::string_view marketplace,
                                core::TimePoint at,
                                std::int64_t orders_received,
                                std::string_view error,
                                std::optional<core::TimePoint> watermark) {
    return guarded("record poll", [&] {
        // The watermark only moves forward, and only with a finished poll's writes.
        auto upsert = m_impl->prepare(
            "INSERT INTO source_marketplaces (source, marketplace, watermark, last_poll_at, "
            "orders_seen, last_error) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (source, marketplace) DO UPDATE SET "
            "watermark = COALESCE(MAX(excluded.watermark, COALESCE(watermark, 0)), watermark), "
            "last_poll_at = excluded.last_poll_at, "
            "orders_seen = orders_seen + excluded.orders_seen, last_error = excluded.last_error");
        bind_text_view(*upsert, 1, source);
        bind_text_view(*upsert, 2, marketplace);
        if (watermark) {
            upsert->bind(3, to_unix(*watermark));
        } else {
            upsert->bind(3);
        }
        upsert->bind(4, to_unix(at));
        upsert->bind(5, orders_received);
        bind_optional_text(*upsert, 6, error);
        upsert->exec();
        return true;
    });
}

} // namespace vtrguard::store
