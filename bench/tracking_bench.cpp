// Carrier lookups against the fake APIs on loopback, through one loop thread.
//
//   vtrguard_bench_tracking [COUNT]
//
// 1. Limits lifted: COUNT (default 10,000) UPS lookups (one request each) and COUNT FedEx lookups
//    (batches of 30): lookups per second and peak RSS (the fake server runs in this process, so
//    the figure includes it).
// 2. A limit on: UPS at 50 requests/s, 250 lookups: the measured request rate vs the configured.

#include "fakes/fake_carrier_server.hpp"

#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/http/curl_client.hpp>
#include <vtrguard/tracking/tracker.hpp>

#include <fmt/core.h>
#include <spdlog/sinks/null_sink.h>

#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace vtrguard;

namespace {

constexpr const char* k_env = "VTRGUARD_BENCH_SECRET";

std::vector<std::string> numbers_for(const std::string& carrier, std::size_t count) {
    const auto& rules = carriers::Ruleset::builtin();
    const carriers::Validator validator(rules);
    const auto id = rules.find_carrier(carrier);
    std::vector<std::string> numbers;
    for (long long serial = 1000000; numbers.size() < count; ++serial) {
        for (int check = 0; check < 10; ++check) {
            auto number = carrier == "ups" ? fmt::format("1Z2GK9AJ63{}{}", serial, check)
                                           : fmt::format("7345{}{}", serial, check);
            if (validator.validate(number, id).is_valid()) {
                numbers.push_back(std::move(number));
                break;
            }
        }
    }
    return numbers;
}

tracking::TrackingSettings settings_for(const fakes::FakeCarrierServer& server) {
    auto settings = tracking::default_tracking_settings();
    for (auto& carrier : settings.carriers) {
        carrier.base_url = server.url();
        carrier.client_id = std::string(fakes::k_fake_client_id);
        carrier.secret.env = k_env;
        carrier.requests_per_second = 0;
        carrier.daily_quota = 0;
        carrier.max_in_flight = 32;
    }
    return settings;
}

struct Run {
    double seconds = 0;
    std::size_t tracked = 0;
};

Run run(const tracking::TrackingSettings& settings, const std::vector<std::string>& numbers) {
    boost::asio::io_context io;
    http::CurlOptions options;
    options.max_connections = 64;
    http::CurlClient client(io.get_executor(), options);
    const core::SystemClock clock;
    auto logger =
        std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_st>());
    tracking::Tracker tracker(io.get_executor(), client, settings, clock, logger);
    Run result;
    const auto started = std::chrono::steady_clock::now();
    for (const auto& number : numbers) {
        tracker.track(number, "", [&](const tracking::Lookup& lookup) {
            result.tracked += lookup.outcome == tracking::LookupOutcome::tracked ? 1 : 0;
        });
    }
    io.run();
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000; // NOLINT
    setenv(k_env, std::string(fakes::k_fake_secret).c_str(), 1);                     // NOLINT
    fakes::FakeCarrierServer server;
    server.set_default_shipment(fakes::Shipment::found_with_scans);
    auto settings = settings_for(server);

    for (const std::string carrier : {"ups", "fedex"}) {
        const auto numbers = numbers_for(carrier, count);
        const auto result = run(settings, numbers);
        fmt::print("{:<6} limits lifted: {} lookups ({} tracked) in {:.2f} s = {:.0f} lookups/s, "
                   "{} requests\n",
                   carrier,
                   numbers.size(),
                   result.tracked,
                   result.seconds,
                   static_cast<double>(numbers.size()) / result.seconds,
                   server.requests(carrier));
    }
    fmt::print("peak RSS (tracker + fake server): {:.1f} MB\n",
               static_cast<double>(peak_rss_kb()) / 1024.0);

    constexpr double k_rate = 50;
    auto& ups = *settings.find("ups");
    ups.requests_per_second = k_rate;
    ups.burst = 1;
    const auto before = server.request_times("ups").size();
    const auto result = run(settings, numbers_for("ups", 250));
    const auto times = server.request_times("ups");
    const auto first = times.at(before);
    const auto span = std::chrono::duration<double>(times.back() - first).count();
    const double measured = static_cast<double>(times.size() - before - 1) / span;
    fmt::print("ups    limited to {:.0f}/s: {} tracked, measured {:.2f} requests/s ({:+.2f}%)\n",
               k_rate,
               result.tracked,
               measured,
               (measured - k_rate) / k_rate * 100);
    return 0;
}
