// Sweep speed on a database of open orders: a full sweep (every order due) and a sweep after
// 1% of the orders changed. Usage: vtrguard_bench_sweep [ORDERS] [DATABASE]
#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>

namespace {

using namespace vtrguard;
using Clock = std::chrono::steady_clock;

// A UPS 1Z number with a valid check digit: the engine tells which of the ten digits fits.
std::string valid_ups_number(std::uint64_t serial, const carriers::Validator& validator) {
    const std::string base = fmt::format("1Z5R8939{:09}", serial % 1000000000);
    for (char digit = '0'; digit <= '9'; ++digit) {
        const std::string number = base + digit;
        if (validator.validate(number).is_valid()) {
            return number;
        }
    }
    return base + '0';
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void fill(const std::filesystem::path& path,
          std::size_t count,
          core::TimePoint now,
          const carriers::Validator& validator) {
    SQLite::Database database(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(database);
    SQLite::Statement insert(database,
                             "INSERT INTO orders (order_id, marketplace, purchase_date, ship_by, "
                             "status, carrier, tracking_number, updated_at, next_due_at) "
                             "VALUES (?, 'ATVPDKIKX0DER', ?, ?, 'awaiting', 'ups', ?, ?, 0)");
    std::mt19937_64 random(42);
    const auto start = now.time_since_epoch().count();
    for (std::size_t i = 0; i < count; ++i) {
        insert.reset();
        insert.bind(1, fmt::format("113-{:07}-{:07}", i / 1000, i));
        insert.bind(2, start - 86400);
        // Ship-by spread over the next ten days: about a tenth inside the warning window.
        insert.bind(3, start + 3600 + static_cast<std::int64_t>(random() % (10 * 86400)));
        const auto kind = random() % 100;
        if (kind < 5) {
            insert.bind(4); // no tracking number yet
        } else if (kind < 8) {
            insert.bind(4, fmt::format("1Z5R8939{:09}X", i)); // malformed
        } else {
            insert.bind(4, valid_ups_number(i, validator));
        }
        insert.bind(5, start);
        insert.exec();
    }
    transaction.commit();
}

void change_some(const std::filesystem::path& path,
                 std::size_t count,
                 std::size_t every,
                 const carriers::Validator& validator) {
    SQLite::Database database(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(database);
    SQLite::Statement update(database,
                             "UPDATE orders SET tracking_number = ?, next_due_at = 0 "
                             "WHERE order_id = ?");
    for (std::size_t i = 0; i < count; i += every) {
        update.reset();
        update.bind(1, valid_ups_number(i + 500000000, validator));
        update.bind(2, fmt::format("113-{:07}-{:07}", i / 1000, i));
        update.exec();
    }
    transaction.commit();
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const std::filesystem::path path =
        argc > 2 ? std::filesystem::path(argv[2])
                 : std::filesystem::temp_directory_path() / "vtrguard-sweep-bench.db";
    for (const auto* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix);
    }
    const carriers::Validator validator(carriers::Ruleset::builtin());
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    {
        auto created = store::Store::open(path);
        if (!created) {
            fmt::print(stderr, "{}\n", created.error().message);
            return 1;
        }
    }
    auto started = Clock::now();
    fill(path, count, now, validator);
    fmt::print("setup: {} orders in {:.2f} s\n",
               count,
               std::chrono::duration<double>(Clock::now() - started).count());

    auto store = store::Store::open(path);
    const auto config = config::defaults();
    alerts::Sweeper sweeper(*store, config, validator);

    started = Clock::now();
    auto full = sweeper.sweep(now);
    const double full_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!full) {
        fmt::print(stderr, "{}\n", full.error().message);
        return 1;
    }
    fmt::print("full sweep: {} orders, {} events in {:.3f} s (target < 2 s)\n",
               full->orders_checked,
               full->events.size(),
               full_seconds);

    change_some(path, count, 100, validator);
    started = Clock::now();
    auto partial = sweeper.sweep(now + std::chrono::seconds{1});
    const double partial_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!partial) {
        fmt::print(stderr, "{}\n", partial.error().message);
        return 1;
    }
    fmt::print("sweep after 1% changed: {} orders, {} events in {:.1f} ms (target < 100 ms)\n",
               partial->orders_checked,
               partial->events.size(),
               partial_seconds * 1000);

    started = Clock::now();
    auto idle = sweeper.sweep(now + std::chrono::seconds{2});
    fmt::print("sweep with nothing due: {} orders in {:.2f} ms\n",
               idle ? idle->orders_checked : 0,
               std::chrono::duration<double>(Clock::now() - started).count() * 1000);
    fmt::print("peak RSS: {:.1f} MiB\n", static_cast<double>(peak_rss_kib()) / 1024.0);
    return 0;
}
