#pragma once

#include "fakes/fake_carrier_server.hpp"
#include "support/capture_sink.hpp"

#include <vtrguard/http/curl_client.hpp>
#include <vtrguard/tracking/tracker.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace vtrguard::test {

inline constexpr const char* k_secret_env = "VTRGUARD_TEST_CARRIER_SECRET";

// A fake carrier server, a loop, a capturing logger, and settings that point every carrier API
// at the fake with limits lifted and short backoffs.
struct TrackerFixture {
    fakes::FakeCarrierServer server;
    boost::asio::io_context io;
    std::shared_ptr<CaptureSink> sink = std::make_shared<CaptureSink>();
    std::shared_ptr<spdlog::logger> log = capture_logger(sink);
    core::SystemClock clock;
    tracking::TrackingSettings settings = tracking::default_tracking_settings();

    TrackerFixture() {
        // Test-only: the secret reaches the tracker the way it does in production.
        setenv(k_secret_env, std::string(fakes::k_fake_secret).c_str(), 1); // NOLINT
        for (auto& carrier : settings.carriers) {
            carrier.base_url = server.url();
            carrier.client_id = std::string(fakes::k_fake_client_id);
            carrier.secret.env = k_secret_env;
            carrier.requests_per_second = 0;
            carrier.daily_quota = 0;
            carrier.backoff_base = std::chrono::milliseconds{10};
            carrier.backoff_max = std::chrono::milliseconds{50};
            carrier.timeout = std::chrono::milliseconds{5000}; // sanitizer builds are slow
        }
    }

    tracking::CarrierSettings& carrier(const std::string& api) { return *settings.find(api); }

    // Looks every number up through one tracker and returns the answers in order of arrival.
    std::vector<tracking::Lookup> track(const std::vector<std::string>& numbers,
                                        const std::string& declared = {}) {
        http::CurlClient client(io.get_executor(), {});
        tracking::Tracker tracker(io.get_executor(), client, settings, clock, log);
        std::vector<tracking::Lookup> answers;
        for (const auto& number : numbers) {
            tracker.track(number, declared, [&](tracking::Lookup lookup) {
                answers.push_back(std::move(lookup));
            });
        }
        io.run();
        io.restart();
        return answers;
    }

    tracking::Lookup track_one(const std::string& number, const std::string& declared = {}) {
        auto answers = track({number}, declared);
        REQUIRE(answers.size() == 1);
        return answers.front();
    }
};

// 2025-03-01T00:00:00Z, the day the fake's shipments start.
inline constexpr carriers::UnixSeconds k_march_first = 1740787200;

} // namespace vtrguard::test
