#include <vtrguard/sources/lwa_tokens.hpp>
#include <vtrguard/sources/sp_api.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace vtrguard::sources {

namespace {

// LWA grants an hour; asking again five minutes early keeps a slow page from outliving its
// token. Short-lived tokens (tests) are refreshed after half their life.
constexpr std::chrono::seconds k_refresh_margin{300};

} // namespace

LwaTokens::LwaTokens(boost::asio::any_io_executor executor,
                     SourceSettings settings,
                     http::Client& http,
                     const core::Clock& clock)
    : m_executor(std::move(executor))
    , m_settings(std::move(settings))
    , m_http(http)
    , m_clock(clock) {}

void LwaTokens::finish(const Handler& on_done, Answer answer) {
    boost::asio::post(m_executor,
                      [alive = std::weak_ptr<bool>(m_alive), on_done, answer = std::move(answer)] {
                          if (!alive.expired()) {
                              on_done(answer);
                          }
                      });
}

void LwaTokens::get(Handler on_done) {
    if (m_is_paused) {
        finish(on_done, {std::nullopt, m_pause_reason, true});
        return;
    }
    if (m_token && m_clock.now() < m_refresh_at) {
        finish(on_done, {m_token, {}, false});
        return;
    }
    m_token.reset();
    auto client_secret = core::load_secret(m_settings.client_secret);
    auto refresh_token = core::load_secret(m_settings.refresh_token);
    if (!client_secret || !refresh_token) {
        // The error names the variable or file, never a value.
        const auto& error = !client_secret ? client_secret.error() : refresh_token.error();
        m_is_paused = true;
        m_pause_reason = fmt::format(
            "{}: {}", !client_secret ? "client secret" : "refresh token", error.message);
        finish(on_done, {std::nullopt, m_pause_reason, true});
        return;
    }
    ++m_refreshes;
    auto request = token_request(m_settings, *client_secret, *refresh_token);
    m_http.fetch(std::move(request),
                 [this, alive = std::weak_ptr<bool>(m_alive), on_done](http::Response response) {
                     if (alive.expired()) {
                         return;
                     }
                     if (!response) {
                         // A 5xx or a timeout from LWA: the caller retries with backoff.
                         on_done({std::nullopt,
                                  fmt::format("LWA: {}{}",
                                              http::failure_name(response.error().kind),
                                              response.error().status != 0 ? fmt::format(
                                                  " (HTTP {})", response.error().status)
                                                                           : std::string()),
                                  false});
                         return;
                     }
                     auto answer = parse_token_reply(*response);
                     if (!answer.refusal.empty()) {
                         m_is_paused = true;
                         m_pause_reason = answer.error;
                         on_done({std::nullopt, m_pause_reason, true});
                         return;
                     }
                     if (!answer.token) {
                         on_done({std::nullopt, answer.error, false});
                         return;
                     }
                     const auto margin = std::min(k_refresh_margin, answer.expires_in / 2);
                     m_token = std::move(answer.token);
                     m_refresh_at = m_clock.now() + answer.expires_in - margin;
                     on_done({m_token, {}, false});
                 });
}

} // namespace vtrguard::sources
