// `vtrguard vtr` and the daemon's rate check (report::watch_vtr) on a swept database whose
// shipments all lie in the 30-day window (spread over 29 days, so that none leaves it while
// the benchmark runs; one number in 500 on two orders).
// Usage: vtrguard_bench_vtr [SHIPMENTS] [DIR] [--keep]
// --keep reads DIR/orders.db when it exists instead of filling it again, so that repeated runs
// and `/usr/bin/time vtrguard vtr --db DIR/orders.db` measure the same shipments.
#include "shipment_fill.hpp"

#include <vtrguard/cli/run.hpp>
#include <vtrguard/config/marketplace_policy.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/report/vtr_watch.hpp>

#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Wall and process CPU seconds of one call of `work`, printed after `label`.
template <typename Work>
void timed(const std::string& label, Work&& work) {
    const auto started = Clock::now();
    const auto cpu_started = std::clock();
    const std::string result = work();
    fmt::print("{}: {:.2f} s wall, {:.2f} s CPU ({})\n",
               label,
               std::chrono::duration<double>(Clock::now() - started).count(),
               static_cast<double>(std::clock() - cpu_started) / CLOCKS_PER_SEC,
               result);
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    const bool is_kept = !args.empty() && args.back() == "--keep";
    const auto positional = args.size() - (is_kept ? 1 : 0);
    const std::int64_t count = positional > 0 ? std::atoll(argv[1]) : 1000000;
    const std::filesystem::path dir =
        positional > 1 ? std::filesystem::path(argv[2])
                       : std::filesystem::temp_directory_path() / "vtrguard_bench_vtr";
    const auto db = dir / "orders.db";
    if (!is_kept || !std::filesystem::exists(db)) {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        const auto filled_at = Clock::now();
        vtrguard::bench::ShipmentFill fill;
        fill.count = count;
        fill.span = std::chrono::hours{24 * 29};
        fill.reused_every = 500;
        vtrguard::bench::fill_shipments(db, fill);
        fmt::print("filled {} shipments over 29 days in {:.2f} s\n",
                   count,
                   std::chrono::duration<double>(Clock::now() - filled_at).count());
    }
    const std::string db_text = db.string();
    std::vector<const char*> vtr_args{
        "vtrguard", "vtr", "--db", db_text.c_str(), "--format", "json"};
    const auto policies = vtrguard::config::default_marketplaces();
    for (int run = 1; run <= 3; ++run) {
        timed(fmt::format("run {}: vtrguard vtr", run), [&] {
            const int code = vtrguard::cli::run(static_cast<int>(vtr_args.size()),
                                                const_cast<char**>(vtr_args.data()));
            return fmt::format("exit {}", code);
        });
    }
    const vtrguard::core::SystemClock clock;
    for (int run = 1; run <= 3; ++run) {
        timed(fmt::format("run {}: the daemon's rate check", run), [&] {
            const auto crossings = vtrguard::report::watch_vtr(db, policies, clock.now());
            return crossings ? fmt::format("{} crossings", crossings->size())
                             : crossings.error().message;
        });
    }
    // With a fill, the peak may be the fill's: `/usr/bin/time -f %M vtrguard vtr --db …` and
    // `--keep` give the rate's alone.
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    fmt::print("peak RSS of the benchmark: {} MiB\n", usage.ru_maxrss / 1024);
    return 0;
}
