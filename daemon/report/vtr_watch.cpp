#include <vtrguard/report/rate_read.hpp>
#include <vtrguard/report/vtr_watch.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

namespace vtrguard::report {

Result<std::vector<VtrAlert>> watch_vtr(const std::filesystem::path& database,
                                        std::span<const config::MarketplacePolicy> policies,
                                        core::TimePoint now,
                                        std::chrono::seconds window) {
    const auto groups = read_rate<MarketplaceCategoryCounts>(database, policies, now, window);
    if (!groups) {
        return tl::unexpected(groups.error());
    }
    try {
        SQLite::Database db(database.string(), SQLite::OPEN_READWRITE);
        db.setBusyTimeout(5000);
        std::vector<RateState> previous;
        SQLite::Statement query(db, "SELECT marketplace, category, level FROM vtr_alert_state");
        while (query.executeStep()) {
            previous.push_back(
                {query.getColumn(0).getString(),
                 query.getColumn(1).getString(),
                 parse_rate_level(query.getColumn(2).getString()).value_or(RateLevel::ok)});
        }
        auto alerts = decide_vtr_alerts(previous, *groups, policies);
        if (alerts.empty()) {
            return alerts;
        }
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement write(db,
                                "INSERT INTO vtr_alert_state (marketplace, category, level, "
                                "rate, changed_at) VALUES (?, ?, ?, ?, ?) "
                                "ON CONFLICT (marketplace, category) DO UPDATE SET "
                                "level = excluded.level, rate = excluded.rate, "
                                "changed_at = excluded.changed_at");
        for (const auto& alert : alerts) {
            write.reset();
            write.bind(1, alert.state.marketplace);
            write.bind(2, alert.state.category);
            write.bind(3, std::string(rate_level_name(alert.state.level)));
            if (const auto worst = alert.counts.worst_case()) {
                write.bind(4, *worst);
            } else {
                write.bind(4);
            }
            write.bind(5, now.time_since_epoch().count());
            write.exec();
        }
        transaction.commit();
        return alerts;
    } catch (const SQLite::Exception& error) {
        return fail(ErrorCode::store, fmt::format("vtr alert state: {}", error.what()));
    }
}

} // namespace vtrguard::report
