// `vtrguard check` on many orders sharing one tracking number, the shape sellers who paste one
// number onto every order produce: the real binary, its wall time and peak RSS.
// Usage: vtrguard_bench_check [ORDERS] [DATABASE] [VTRGUARD]
// Targets (issue 10): 20,000 orders under 2 s and 100 MB.
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/core.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

namespace {

using namespace vtrguard;
using Clock = std::chrono::steady_clock;

// A valid UPS number (the README's example): every order holds this one.
constexpr const char* k_shared_number = "1Z5R89390357567127";

void fill(const std::filesystem::path& path, std::size_t count) {
    SQLite::Database database(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction transaction(database);
    SQLite::Statement insert(database,
                             "INSERT INTO orders (order_id, marketplace, purchase_date, ship_by, "
                             "status, carrier, tracking_number) "
                             "VALUES (?, 'ATVPDKIKX0DER', ?, ?, 'awaiting', 'ups', ?)");
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    for (std::size_t i = 0; i < count; ++i) {
        insert.reset();
        insert.bind(1, fmt::format("113-{:07}-{:07}", i / 1000, i));
        insert.bind(2, now - 86400);
        // Two days out: a duplicate is a warning however far ship-by is.
        insert.bind(3, now + 2 * 86400 + static_cast<std::int64_t>(i % 3600));
        insert.bind(4, k_shared_number);
        insert.exec();
    }
    transaction.commit();
}

struct Run {
    int status = 0;
    double wall_seconds = 0;
    double cpu_seconds = 0;
    long peak_rss_kib = 0;
};

// Runs `vtrguard check --db DATABASE`, its output to /dev/null, and measures it with wait4().
Run run_check(const std::string& binary, const std::filesystem::path& database) {
    const auto started = Clock::now();
    const pid_t child = fork();
    if (child == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        const std::string db = database.string();
        execl(binary.c_str(), binary.c_str(), "check", "--db", db.c_str(), nullptr);
        _exit(127);
    }
    Run run;
    rusage usage{};
    wait4(child, &run.status, 0, &usage);
    run.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    const auto seconds = [](const timeval& time) {
        return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
    };
    run.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    run.peak_rss_kib = usage.ru_maxrss;
    return run;
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
    const std::filesystem::path path =
        argc > 2 ? std::filesystem::path(argv[2])
                 : std::filesystem::temp_directory_path() / "vtrguard-check-bench.db";
    const std::string binary = argc > 3 ? argv[3] : VTRGUARD_BINARY;
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
    fill(path, count);
    // The first check judges every order; the second finds the alerts already raised.
    for (const auto* what : {"first check", "second check"}) {
        const auto run = run_check(binary, path);
        const int code = WIFEXITED(run.status) ? WEXITSTATUS(run.status) : -1;
        fmt::print("{}: {} orders on one number: exit {}, {:.2f} s wall, {:.2f} s CPU, "
                   "peak RSS {:.1f} MiB (target < 2 s, < 100 MB)\n",
                   what,
                   count,
                   code,
                   run.wall_seconds,
                   run.cpu_seconds,
                   static_cast<double>(run.peak_rss_kib) / 1024.0);
        // Exit 1: orders at risk, as every one of them is.
        if (code != 1) {
            return 1;
        }
    }
    const auto wal = std::filesystem::path(path.string() + "-wal");
    std::error_code error;
    const auto db_size = std::filesystem::file_size(path, error);
    const auto wal_size = std::filesystem::exists(wal) ? std::filesystem::file_size(wal, error) : 0;
    fmt::print("database {:.1f} MiB, WAL {:.1f} MiB\n",
               static_cast<double>(db_size) / 1048576.0,
               static_cast<double>(wal_size) / 1048576.0);
    return 0;
}
