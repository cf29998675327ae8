#pragma once

#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/secret.hpp>
#include <vtrguard/http/client.hpp>
#include <vtrguard/sources/source_settings.hpp>

#include <functional>
#include <optional>
#include <string>

namespace vtrguard::sources {

// Login with Amazon access tokens for one seller account: cached, refreshed `margin` before
// they expire (LWA grants one hour), refreshed at once after invalidate() (a 403 for an expired
// token). When LWA refuses the credentials themselves (invalid_grant, invalid_client) the
// account is paused: no further request is made until a new LwaTokens is built from a reloaded
// configuration. Lives on the loop thread; one refresh at a time.
class LwaTokens {
public:
    // A token, or why there is none. `is_paused` says the credentials were refused.
    struct Answer {
        std::optional<core::Secret> token;
        std::string error;
        bool is_paused = false;
    };

    using Handler = std::function<void(Answer)>;

    // `http` and `clock` must outlive this object.
    LwaTokens(boost::asio::any_io_executor executor,
              SourceSettings settings,
              http::Client& http,
              const core::Clock& clock);

    // A valid token, from the cache or LWA. `on_done` runs on the client's executor, never inside
    // get(); it is dropped when this object is destroyed first. Secrets are read from their
    // source at each refresh, so a rotated file takes effect without a reload.
    void get(Handler on_done);

    // Forgets the cached token (Amazon said it expired).
    void invalidate() { m_token.reset(); }

    bool is_paused() const { return m_is_paused; }

    const std::string& pause_reason() const { return m_pause_reason; }

    std::size_t refreshes() const { return m_refreshes; }

private:
    void finish(const Handler& on_done, Answer answer);

    boost::asio::any_io_executor m_executor;
    SourceSettings m_settings;
    http::Client& m_http;
    const core::Clock& m_clock;
    std::optional<core::Secret> m_token;
    core::TimePoint m_refresh_at{};
    bool m_is_paused = false;
    std::string m_pause_reason;
    std::size_t m_refreshes = 0;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace vtrguard::sources
