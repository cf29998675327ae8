// Sweep speed on a database of open orders: a full sweep (every order due) and a sweep after
// 1% of the orders changed. Usage: vtrguard_bench_sweep [ORDERS] [DATABASE] [--reuse]
// --reuse keeps DATABASE when it exists and only forgets what earlier sweeps decided, so a
// profiler sees the sweeps and not the minute it takes to fill a million orders.
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
#include <string_view>
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

// User + system CPU time of the process so far: on a shared machine, wall time also counts
// the time other processes held the cores.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& time) {
        return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Every order was bought this long before the fill.
constexpr std::int64_t k_purchased_before = 86400;

// Forgets what earlier sweeps decided and returns when the database was filled: sweeping at
// that time again meets the same orders inside their lead times, so runs stay comparable.
core::TimePoint forget_sweeps(const std::filesystem::path& path) {
    SQLite::Database database(path.string(), SQLite::OPEN_READWRITE);
    database.exec("DELETE FROM sweep_state; DELETE FROM alerts; DELETE FROM tracking_checks; "
                  "DELETE FROM sweep_timers; DELETE FROM sweep_queue");
    const auto purchased = database.execAndGet("SELECT min(purchase_date) FROM orders").getInt64();
    return core::TimePoint{std::chrono::seconds{purchased + k_purchased_before}};
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
        insert.bind(2, start - k_purchased_before);
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
    const bool is_reuse = argc > 3 && std::string_view(argv[3]) == "--reuse";
    const carriers::Validator validator(carriers::Ruleset::builtin());
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    if (is_reuse && std::filesystem::exists(path)) {
        now = forget_sweeps(path);
    } else {
        for (const auto* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path.string() + suffix);
        }
        {
            auto created = store::Store::open(path);
            if (!created) {
                fmt::print(stderr, "{}\n", created.error().message);
                return 1;
            }
        }
        const auto started = Clock::now();
        fill(path, count, now, validator);
        fmt::print("setup: {} orders in {:.2f} s\n",
                   count,
                   std::chrono::duration<double>(Clock::now() - started).count());
    }

    auto store = store::Store::open(path);
    const auto config = config::defaults();
    alerts::Sweeper sweeper(*store, config, validator);
    const auto timed_sweep =
        [&](core::TimePoint at, std::string_view what, std::string_view target) {
            const auto started = Clock::now();
            const double cpu_started = cpu_seconds();
            auto result = sweeper.sweep(at);
            const double wall = std::chrono::duration<double>(Clock::now() - started).count();
            const double cpu = cpu_seconds() - cpu_started;
            if (!result) {
                fmt::print(stderr, "{}\n", result.error().message);
                std::exit(1);
            }
            fmt::print("{}: {} orders, {} events in {:.1f} ms wall, {:.1f} ms CPU{}\n",
                       what,
                       result->orders_checked,
                       result->events.size(),
                       wall * 1000,
                       cpu * 1000,
                       target);
        };

    timed_sweep(now, "full sweep", " (target < 2 s)");
    change_some(path, count, 100, validator);
    timed_sweep(now + std::chrono::seconds{1}, "sweep after 1% changed", " (target < 100 ms)");
    timed_sweep(now + std::chrono::seconds{2}, "sweep with nothing changed", "");
    fmt::print("peak RSS: {:.1f} MiB\n", static_cast<double>(peak_rss_kib()) / 1024.0);
    return 0;
}
