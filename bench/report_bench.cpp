// `vtrguard report` speed on a swept database of shipments spread over 90 days (plus the 30
// days the first day's rolling window needs). Usage: vtrguard_bench_report [SHIPMENTS] [DIR]
#include "shipment_fill.hpp"

#include <vtrguard/cli/run.hpp>

#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

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
    vtrguard::bench::ShipmentFill fill;
    fill.count = count;
    vtrguard::bench::fill_shipments(db, fill);
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
