#pragma once

#include <vtrguard/config/config.hpp>
#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/http/client.hpp>
#include <vtrguard/sources/account_poller.hpp>
#include <vtrguard/store/store.hpp>

#include <spdlog/logger.h>

#include <functional>
#include <memory>
#include <vector>

namespace vtrguard::sources {

// The daemon's order sources: one AccountPoller per configured account, each on its own pace,
// so one account's outage slows no other. Lives on the loop thread.
class SourceSet {
public:
    // `http`, `store` and `clock` must outlive the set. `on_changed` runs after a page changed
    // orders.
    SourceSet(boost::asio::any_io_executor executor,
              http::Client& http,
              store::Store& store,
              const core::Clock& clock,
              std::shared_ptr<spdlog::logger> logger,
              std::function<void()> on_changed);
    ~SourceSet();
    SourceSet(const SourceSet&) = delete;
    SourceSet& operator=(const SourceSet&) = delete;
    SourceSet(SourceSet&&) = delete;
    SourceSet& operator=(SourceSet&&) = delete;

    // Starts polling the accounts of `config` (SIGHUP: the old pollers are closed first, so a
    // paused account is tried again with the new credentials).
    void start(const config::Config& config);

    // Stops every poller (SIGTERM).
    void close();

    std::size_t size() const { return m_pollers.size(); }

private:
    boost::asio::any_io_executor m_executor;
    http::Client& m_http;
    store::Store& m_store;
    const core::Clock& m_clock;
    std::shared_ptr<spdlog::logger> m_log;
    std::function<void()> m_on_changed;
    std::vector<std::shared_ptr<AccountPoller>> m_pollers;
};

} // namespace vtrguard::sources
