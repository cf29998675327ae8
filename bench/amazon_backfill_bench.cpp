// The Amazon order source end to end: the real daemon back-fills orders from the fake SP-API
// on loopback, its rate limit lifted.
//
//   vtrguard_bench_amazon [COUNT]
//
// 1. COUNT (default 10,000) orders, 100 a page: the time from the daemon's start to the line
//    that says the last page is stored, the searchOrders requests it took, and the daemon's
//    peak RSS (VmHWM from /proc; the fake runs in this process, not in the daemon's).
// 2. The next poll with nothing new: the searchOrders requests it costs (one).

#include "fakes/fake_sp_api.hpp"

#include <fmt/core.h>

#include <fcntl.h>
#include <spawn.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ; // NOLINT: posix_spawn passes it on

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

// The value of `field` (kB) in /proc/PID/status.
long status_kb(pid_t pid, const std::string& field) {
    const auto text = read_text(fmt::format("/proc/{}/status", pid));
    const auto at = text.find(field + ":");
    return at == std::string::npos ? -1 : std::atol(text.c_str() + at + field.size() + 1);
}

bool wait_for(const fs::path& log,
              const std::string& text,
              std::size_t count,
              std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (count_of(read_text(log), text) >= count) {
            return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::atoi(argv[1]) : 10000; // NOLINT
    const auto dir = fs::temp_directory_path() / fmt::format("vtrguard-bench-amazon-{}", getpid());
    fs::create_directories(dir);
    fakes::FakeSpApi api;
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    for (int i = 0; i < count; ++i) {
        fakes::FakeSpOrder order;
        order.order_id = fmt::format("113-{:07}-{:07}", i / 1000, i);
        order.created = now - std::chrono::minutes{5 * (i % 8000) + 60};
        order.last_updated = now - 1h; // older than the watermark less the overlap
        order.ship_by = now + std::chrono::hours{48 + i % 96};
        order.deliver_by = *order.ship_by + 72h;
        api.put_order(std::move(order));
    }
    {
        std::ofstream config(dir / "vtrguard.json");
        config << fmt::format(
            R"({{"database": "{}", "inbox": "{}", "log": {{"level": "debug"}},
  "sources": [{{"name": "bench", "base_url": "{}", "token_url": "{}",
    "marketplace_ids": ["ATVPDKIKX0DER"], "client_id": "{}", "client_secret_env": "BENCH_LWA_SECRET",
    "refresh_token_env": "BENCH_LWA_REFRESH", "poll_interval": "2s", "requests_per_second": 0}}]}})",
            (dir / "vtrguard.db").string(),
            (dir / "inbox").string(),
            api.url(),
            api.token_url(),
            fakes::k_fake_lwa_client);
    }
    setenv("BENCH_LWA_SECRET", std::string(fakes::k_fake_lwa_secret).c_str(), 1);     // NOLINT
    setenv("BENCH_LWA_REFRESH", std::string(fakes::k_fake_refresh_token).c_str(), 1); // NOLINT
    const auto log = dir / "daemon.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> args{
        VTRGUARD_BINARY, "run", "--config", (dir / "vtrguard.json").string()};
    std::vector<char*> argv_c;
    for (auto& arg : args) {
        argv_c.push_back(arg.data());
    }
    argv_c.push_back(nullptr);
    pid_t pid = -1;
    const auto started = std::chrono::steady_clock::now();
    if (posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv_c.data(), environ) != 0) {
        fmt::print(stderr, "cannot start {}\n", args[0]);
        return 1;
    }
    posix_spawn_file_actions_destroy(&actions);
    const bool is_filled =
        wait_for(log, fmt::format("ATVPDKIKX0DER: {} orders in", count), 1, 600s);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    const auto backfill_requests = api.search_requests();
    const long rss_after_fill = status_kb(pid, "VmRSS");
    const bool is_quiet = wait_for(log, "ATVPDKIKX0DER: nothing new", 2, 30s);
    const auto idle_requests = api.search_requests() - backfill_requests;
    const long peak = status_kb(pid, "VmHWM");
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!is_filled || !is_quiet) {
        fmt::print(stderr, "the daemon did not finish: see {}\n", log.string());
        return 1;
    }
    fmt::print("back-fill: {} orders, {} searchOrders requests, {:.2f} s from start to the last "
               "page stored ({:.0f} orders/s)\n",
               count,
               backfill_requests,
               took.count(),
               count / took.count());
    fmt::print("daemon RSS: {} MiB after the back-fill, peak {} MiB\n",
               rss_after_fill / 1024,
               peak / 1024);
    fmt::print("polls with nothing new: 2, costing {} searchOrders requests ({} each)\n",
               idle_requests,
               static_cast<double>(idle_requests) / 2);
    fmt::print("LWA token requests: {}\n", api.token_requests());
    fs::remove_all(dir);
    return 0;
}
