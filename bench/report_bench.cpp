// `vtrguard report` speed on a swept database of shipments spread over 90 days (plus the 30
// days the first day's rolling window needs). Usage: vtrguard_bench_report [SHIPMENTS] [DIR]
#include <vtrguard/cli/run.hpp>
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/core.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

void fill(const std::filesystem::path& path, std::int64_t count) {
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
    constexpr std::int64_t k_span = 120LL * 86400;
    std::mt19937_64 random(42);
    for (std::int64_t i = 0; i < count; ++i) {
        const auto deliver_by = now - k_span + (k_span * i) / count;
        const auto roll = random() % 1000;
        const bool is_other = roll < 10;
        const bool is_missing = roll >= 10 && roll < 25;
        const bool is_unscanned = roll >= 25 && roll < 40;
        const std::string number = is_missing ? "" : fmt::format("1ZBENCH{:011}", i);
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

} // namespace

int main(int argc, char** argv) {
    const std::int64_t count = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const std::filesystem::path dir =
        argc > 2 ? std::filesystem::path(argv[2])
                 : std::filesystem::temp_directory_path() / "vtrguard_bench_report";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto db = dir / "orders.db";
    const auto filled_at = Clock::now();
    fill(db, count);
    fmt::print("filled {} shipments over 120 days in {:.2f} s\n",
               count,
               std::chrono::duration<double>(Clock::now() - filled_at).count());
    const std::string out = (dir / "pack").string();
    const std::string db_text = db.string();
    std::vector<const char*> args{
        "vtrguard", "report", "--db", db_text.c_str(), "--days", "90", "--out", out.c_str()};
    for (int run = 0; run < 3; ++run) {
        const auto started = Clock::now();
        const int code =
            vtrguard::cli::run(static_cast<int>(args.size()), const_cast<char**>(args.data()));
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        fmt::print("run {}: vtrguard report --days 90: {:.2f} s (exit {}; target < 3 s)\n",
                   run + 1,
                   seconds,
                   code);
    }
    fmt::print("report.html {} KiB, failing-orders.csv {} KiB\n",
               std::filesystem::file_size(dir / "pack" / "report.html") / 1024,
               std::filesystem::file_size(dir / "pack" / "failing-orders.csv") / 1024);
    // The fill holds little, so the peak is the report's (`/usr/bin/time -f %M` on the binary
    // gives the report's alone).
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    fmt::print("peak RSS of the benchmark: {} MiB\n", usage.ru_maxrss / 1024);
    return 0;
}
