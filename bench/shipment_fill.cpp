#include "shipment_fill.hpp"

#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/core.h>

#include <array>
#include <cstdlib>
#include <random>
#include <string>

namespace vtrguard::bench {

void fill_shipments(const std::filesystem::path& path, const ShipmentFill& fill) {
    auto store = vtrguard::store::Store::open(path); // runs the migrations
    if (!store) {
        fmt::print(stderr, "{}\n", store.error().message);
        std::exit(4);
    }
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(db);
    SQLite::Statement insert(
        db,
        "INSERT INTO orders (order_id, marketplace, status, category, carrier, tracking_number, "
        "ship_confirmed_at, deliver_by, first_scan_at, ship_from_country, ship_to_country, "
        "order_value, currency) VALUES (?, 'amazon.com', ?, ?, ?, ?, ?, ?, ?, 'US', 'US', 19.99, "
        "'USD')");
    const std::array<const char*, 6> categories{
        "toys", "books", "garden", "kitchen", "sports", "beauty"};
    const std::array<const char*, 4> carriers{"ups", "usps", "fedex", "Other"};
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const std::int64_t span = std::chrono::seconds{fill.span}.count();
    const auto count = fill.count;
    std::mt19937_64 random(42);
    for (std::int64_t i = 0; i < count; ++i) {
        const auto deliver_by = now - span + (span * i) / count;
        const auto roll = random() % 1000;
        const bool is_other = roll < 10;
        const bool is_missing = roll >= 10 && roll < 25;
        const bool is_unscanned = roll >= 25 && roll < 40;
        const bool is_reused = fill.reused_every > 0 && i > 0 && i % fill.reused_every == 0;
        const std::string number = fmt::format("1ZBENCH{:011}", is_reused ? i - 1 : i);
        insert.reset();
        insert.bind(1, fmt::format("113-{:07}-{:07}", i / 10000000, i % 10000000));
        insert.bind(2, roll == 999 ? "cancelled" : "shipped");
        insert.bind(3, categories.at(static_cast<std::size_t>(i) % categories.size()));
        insert.bind(4, is_other ? "Other" : carriers.at(static_cast<std::size_t>(i) % 3));
        if (is_missing) {
            insert.bind(5);
        } else {
            insert.bind(5, number);
        }
        insert.bind(6, deliver_by - 3 * 86400);
        insert.bind(7, deliver_by);
        if (is_unscanned) {
            insert.bind(8);
        } else {
            insert.bind(8, deliver_by - 3 * 86400 + 6 * 3600);
        }
        insert.exec();
    }
    // As a swept store: every number is valid, so the sweep would leave no tracking_checks row.
    db.exec("DELETE FROM sweep_queue");
    transaction.commit();
}

} // namespace vtrguard::bench
