#pragma once

#include "fakes/fake_sp_api.hpp"
#include "support/capture_sink.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/http/curl_client.hpp>
#include <vtrguard/sources/account_poller.hpp>
#include <vtrguard/store/store.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace vtrguard::test {

inline constexpr const char* k_lwa_secret_env = "VTRGUARD_TEST_LWA_SECRET";
inline constexpr const char* k_refresh_token_env = "VTRGUARD_TEST_LWA_REFRESH";

// A fake SP-API, a real store in a temp folder, a loop, a capturing logger and one account
// pointed at the fake with its rate lifted and short backoffs.
struct PollerFixture {
    fakes::FakeSpApi api;
    TempDir dir;
    boost::asio::io_context io;
    std::shared_ptr<CaptureSink> sink = std::make_shared<CaptureSink>();
    std::shared_ptr<spdlog::logger> log = capture_logger(sink);
    core::SystemClock clock;
    store::Store store = store::Store::open(dir / "orders.db").value();
    http::CurlClient client{io.get_executor(), {}};
    sources::SourceSettings settings;

    PollerFixture() {
        // Test-only: the secrets reach the poller the way they do in production.
        setenv(k_lwa_secret_env, std::string(fakes::k_fake_lwa_secret).c_str(), 1);       // NOLINT
        setenv(k_refresh_token_env, std::string(fakes::k_fake_refresh_token).c_str(), 1); // NOLINT
        settings.name = "main";
        settings.base_url = api.url();
        settings.token_url = api.token_url();
        settings.marketplace_ids = {"ATVPDKIKX0DER"};
        settings.client_id = std::string(fakes::k_fake_lwa_client);
        settings.client_secret.env = k_lwa_secret_env;
        settings.refresh_token.env = k_refresh_token_env;
        settings.requests_per_second = 0;
        settings.backoff_base = std::chrono::milliseconds{10};
        settings.backoff_max = std::chrono::milliseconds{50};
        settings.timeout = std::chrono::milliseconds{5000};
    }

    std::shared_ptr<sources::AccountPoller> poller() {
        return std::make_shared<sources::AccountPoller>(
            io.get_executor(), settings, client, store, nullptr, clock, log);
    }

    // One poll of `account` to its end.
    sources::PollOutcome poll(sources::AccountPoller& account) {
        std::optional<sources::PollOutcome> outcome;
        account.poll_once({}, [&](const sources::PollOutcome& done) { outcome = done; });
        io.restart();
        io.run();
        REQUIRE(outcome.has_value());
        return *outcome;
    }

    core::TimePoint now() const { return clock.now(); }

    // An order created `age` ago, updated now, to ship within a day.
    fakes::FakeSpOrder order(const std::string& id, std::chrono::seconds age) const {
        fakes::FakeSpOrder order;
        order.order_id = id;
        order.created = now() - age;
        order.last_updated = now();
        order.ship_by = now() + std::chrono::hours{20};
        order.deliver_by = now() + std::chrono::hours{24 * 5};
        return order;
    }
};

} // namespace vtrguard::test
