#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/http/client.hpp>
#include <vtrguard/sources/lwa_tokens.hpp>
#include <vtrguard/sources/sp_api.hpp>
#include <vtrguard/store/store.hpp>
#include <vtrguard/tracking/pacing.hpp>

#include <spdlog/logger.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>

namespace vtrguard::sources {

// What one poll of one account did, over all its marketplaces.
struct PollOutcome {
    std::size_t requests = 0;       // searchOrders requests, retries included
    std::size_t orders = 0;         // order records received
    std::size_t orders_changed = 0; // inserted or updated in the store
    std::size_t failed_marketplaces = 0;
    bool is_paused = false; // LWA refused the credentials
};

// Polls one seller account's orders through searchOrders (docs/sources.md): for each
// marketplace, from its watermark in the store (less the overlap) or, on the first poll, a
// back-fill by creation time; every page, paced by a token bucket at the usage plan's rate.
// Throttling (429) waits 1/rate with jitter; 5xx, timeouts and unreadable bodies are retried
// with backoff; a 403 refreshes the LWA token once. Each page is written in one transaction and
// the watermark moves only once a marketplace's last page is stored, so a stop at any point
// leaves it consistent. Lives on the loop thread; held by shared_ptr (callbacks hold weak ones).
class AccountPoller : public std::enable_shared_from_this<AccountPoller> {
public:
    // Called after a page changed orders (the sweep should look) and after each poll.
    using ChangedHandler = std::function<void()>;
    using PolledHandler = std::function<void(const PollOutcome&)>;

    // `http`, `store` and `clock` must outlive the poller.
    AccountPoller(boost::asio::any_io_executor executor,
                  SourceSettings settings,
                  http::Client& http,
                  store::Store& store,
                  std::shared_ptr<const carriers::Ruleset> rules,
                  const core::Clock& clock,
                  std::shared_ptr<spdlog::logger> logger);
    ~AccountPoller();
    AccountPoller(const AccountPoller&) = delete;
    AccountPoller& operator=(const AccountPoller&) = delete;
    AccountPoller(AccountPoller&&) = delete;
    AccountPoller& operator=(AccountPoller&&) = delete;

    // Polls now and then every poll_interval, until close().
    void start(ChangedHandler on_changed, PolledHandler on_polled);

    // Polls once; `on_done` runs when every marketplace was polled (or failed).
    void poll_once(ChangedHandler on_changed, PolledHandler on_done);

    // Stops: timers are cancelled and a reply still in flight is dropped unread. Pages already
    // written stay; the watermark is where the last finished marketplace put it.
    void close();

    const SourceSettings& settings() const { return m_settings; }

    bool is_paused() const { return m_tokens.is_paused(); }

private:
    void begin_round();
    void begin_marketplace();
    void request_page();
    void send_page(const core::Secret& token);
    void on_reply(http::Response response);
    void on_page(const SearchPage& page);
    void retry_later(std::chrono::milliseconds delay, std::string_view why);
    void end_marketplace(std::string_view error);
    void end_round();
    void wait(std::chrono::nanoseconds delay, void (AccountPoller::*then)());
    double jitter();

    boost::asio::any_io_executor m_executor;
    SourceSettings m_settings;
    std::string m_source; // `amazon:NAME`
    http::Client& m_http;
    store::Store& m_store;
    std::shared_ptr<const carriers::Ruleset> m_rules;
    const core::Clock& m_clock;
    std::shared_ptr<spdlog::logger> m_log;
    LwaTokens m_tokens;
    tracking::TokenBucket m_bucket;
    boost::asio::steady_timer m_timer;
    std::mt19937 m_random;

    bool m_is_closed = false;
    bool m_is_repeating = false;
    ChangedHandler m_on_changed;
    PolledHandler m_on_polled;

    // The poll in progress.
    PollOutcome m_outcome;
    std::size_t m_marketplace = 0;
    SearchQuery m_query;
    core::TimePoint m_started{};
    std::optional<core::TimePoint> m_watermark; // from the last page's answer
    std::size_t m_received = 0;                 // orders of this marketplace
    std::size_t m_pages = 0;
    int m_attempt = 0;            // failures of the current request
    int m_throttled = 0;          // 429s of the current request
    bool m_has_refreshed = false; // a 403 refreshed the token for this request
};

} // namespace vtrguard::sources
