#include <vtrguard/core/time.hpp>
#include <vtrguard/sources/account_poller.hpp>
#include <vtrguard/sources/order_mapping.hpp>

#include <fmt/format.h>

#include <exception>

namespace vtrguard::sources {

namespace {

// Throttled answers to one request before the poll of that marketplace gives up until the next
// interval: a token bucket that stays empty this long is not ours to outwait.
constexpr int k_max_throttled = 20;
// searchOrders' *Before must lie 2 minutes in the past; a poll without Amazon's own bound
// takes this as the watermark.
constexpr std::chrono::seconds k_settle{120};

std::string format_rate(double per_second) {
    if (per_second <= 0) {
        return "no rate limit";
    }
    return fmt::format("one request every {:.0f}s", 1.0 / per_second);
}

} // namespace

AccountPoller::AccountPoller(boost::asio::any_io_executor executor,
                             SourceSettings settings,
                             http::Client& http,
                             store::Store& store,
                             std::shared_ptr<const carriers::Ruleset> rules,
                             const core::Clock& clock,
                             std::shared_ptr<spdlog::logger> logger)
    : m_executor(executor)
    , m_settings(std::move(settings))
    , m_source(source_key(m_settings.name))
    , m_http(http)
    , m_store(store)
    , m_rules(std::move(rules))
    , m_clock(clock)
    , m_log(std::move(logger))
    , m_tokens(executor, m_settings, http, clock)
    , m_bucket(m_settings.requests_per_second, m_settings.burst, std::chrono::steady_clock::now())
    , m_timer(executor)
    , m_random(std::random_device{}()) {}

AccountPoller::~AccountPoller() = default;

void AccountPoller::start(ChangedHandler on_changed, PolledHandler on_polled) {
    m_is_repeating = true;
    m_on_changed = std::move(on_changed);
    m_on_polled = std::move(on_polled);
    m_log->info(fmt::format("source {}: polling Amazon orders of {} every {} ({}); a "
                            "marketplace without a watermark is back-filled {} days",
                            m_settings.name,
                            fmt::join(m_settings.marketplace_ids, ","),
                            core::format_duration(m_settings.poll_interval),
                            format_rate(m_settings.requests_per_second),
                            m_settings.backfill_days));
    begin_round();
}

void AccountPoller::poll_once(ChangedHandler on_changed, PolledHandler on_done) {
    m_is_repeating = false;
    m_on_changed = std::move(on_changed);
    m_on_polled = std::move(on_done);
    begin_round();
}

void AccountPoller::close() {
    m_is_closed = true;
    m_timer.cancel();
}

double AccountPoller::jitter() {
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
}

void AccountPoller::wait(std::chrono::nanoseconds delay, void (AccountPoller::*then)()) {
    m_timer.expires_after(delay);
    m_timer.async_wait([weak = weak_from_this(), then](const boost::system::error_code& error) {
        const auto self = weak.lock();
        if (!self || error || self->m_is_closed) {
            return;
        }
        try {
            ((*self).*then)();
        } catch (const std::exception& failure) {
            self->m_log->error(fmt::format(
                "source {}: unexpected failure: {}", self->m_settings.name, failure.what()));
        }
    });
}

void AccountPoller::begin_round() {
    if (m_is_closed) {
        return;
    }
    m_outcome = {};
    m_marketplace = 0;
    m_started = m_clock.now();
    begin_marketplace();
}

void AccountPoller::begin_marketplace() {
    if (m_marketplace >= m_settings.marketplace_ids.size()) {
        end_round();
        return;
    }
    const auto& marketplace = m_settings.marketplace_ids[m_marketplace];
    m_query = {};
    m_query.marketplace_id = marketplace;
    m_watermark.reset();
    m_received = 0;
    m_pages = 0;
    m_attempt = 0;
    m_throttled = 0;
    m_has_refreshed = false;
    auto status = m_store.source_status(m_source, marketplace);
    if (!status) {
        end_marketplace(status.error().message);
        return;
    }
    if (*status && (*status)->watermark) {
        m_query.last_updated_after = *(*status)->watermark - m_settings.overlap;
    } else {
        m_query.created_after = m_started - std::chrono::hours{24} * m_settings.backfill_days;
        m_log->info(fmt::format("source {}: {}: first poll: back-filling orders created since {}",
                                m_settings.name,
                                marketplace,
                                core::format_instant(*m_query.created_after)));
    }
    request_page();
}

void AccountPoller::request_page() {
    if (m_is_closed) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (const auto delay = m_bucket.wait_time(now); delay.count() > 0) {
        wait(delay, &AccountPoller::request_page);
        return;
    }
    m_bucket.try_take(now);
    m_tokens.get([weak = weak_from_this()](LwaTokens::Answer answer) {
        const auto self = weak.lock();
        if (!self || self->m_is_closed) {
            return;
        }
        if (answer.token) {
            self->send_page(*answer.token);
            return;
        }
        if (answer.is_paused) {
            self->m_outcome.is_paused = true;
            self->m_log->error(fmt::format("source {}: {}; polling paused until the "
                                           "configuration is reloaded (SIGHUP)",
                                           self->m_settings.name,
                                           answer.error));
            self->m_store.record_poll(self->m_source,
                                      self->m_settings.marketplace_ids[self->m_marketplace],
                                      self->m_clock.now(),
                                      0,
                                      "paused: " + answer.error,
                                      std::nullopt);
            self->end_round();
            return;
        }
        ++self->m_attempt;
        if (self->m_attempt >= self->m_settings.max_attempts) {
            self->end_marketplace(answer.error);
            return;
        }
        self->retry_later(tracking::backoff_delay(self->m_attempt,
                                                  self->m_settings.backoff_base,
                                                  self->m_settings.backoff_max,
                                                  self->jitter(),
                                                  std::chrono::seconds{0}),
                          answer.error);
    });
}

void AccountPoller::send_page(const core::Secret& token) {
    ++m_outcome.requests;
    m_http.fetch(search_request(m_settings, m_query, token),
                 [weak = weak_from_this()](http::Response response) {
                     const auto self = weak.lock();
                     if (!self || self->m_is_closed) {
                         return; // stopping: nothing of this page is written
                     }
                     try {
                         self->on_reply(std::move(response));
                     } catch (const std::exception& failure) {
                         self->m_log->error(fmt::format("source {}: unexpected failure: {}",
                                                        self->m_settings.name,
                                                        failure.what()));
                         self->end_marketplace(failure.what());
                     }
                 });
}

void AccountPoller::retry_later(std::chrono::milliseconds delay, std::string_view why) {
    m_log->warn(fmt::format("source {}: {}: {}; retry {}/{} in {}ms",
                            m_settings.name,
                            m_query.marketplace_id,
                            why,
                            m_attempt,
                            m_settings.max_attempts - 1,
                            delay.count()));
    wait(delay, &AccountPoller::request_page);
}

void AccountPoller::on_reply(http::Response response) {
    using Kind = http::Failure::Kind;
    const bool is_throttled = (!response && response.error().kind == Kind::rate_limited)
                              || (response && response->status == 429);
    if (is_throttled) {
        // No Retry-After is documented: one token of the usage plan, with jitter so that
        // accounts sharing an application do not retry in step.
        ++m_throttled;
        if (m_throttled > k_max_throttled) {
            end_marketplace("throttled (QuotaExceeded) by every retry");
            return;
        }
        const double period = m_settings.requests_per_second > 0
                                  ? 1.0 / m_settings.requests_per_second
                                  : std::chrono::duration<double>(m_settings.backoff_base).count();
        auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::duration<double>(period * (1.0 + 0.25 * jitter())));
        if (!response && response.error().retry_after > delay) {
            delay = response.error().retry_after;
        }
        m_bucket.pause_until(std::chrono::steady_clock::now() + delay);
        m_log->warn(fmt::format("source {}: {}: throttled by Amazon (QuotaExceeded); next request "
                                "in {}ms",
                                m_settings.name,
                                m_query.marketplace_id,
                                delay.count()));
        wait(delay, &AccountPoller::request_page);
        return;
    }
    if (!response) {
        const auto& failure = response.error();
        if (failure.kind == Kind::cancelled) {
            return;
        }
        ++m_attempt;
        const auto why = fmt::format("searchOrders: {}{}",
                                     http::failure_name(failure.kind),
                                     failure.status != 0 ? fmt::format(" (HTTP {})", failure.status)
                                                         : std::string());
        if (m_attempt >= m_settings.max_attempts) {
            end_marketplace(why);
            return;
        }
        retry_later(tracking::backoff_delay(m_attempt,
                                            m_settings.backoff_base,
                                            m_settings.backoff_max,
                                            jitter(),
                                            failure.retry_after),
                    why);
        return;
    }
    const auto& reply = *response;
    if (reply.status == 403 && !m_has_refreshed) {
        // Most often an expired access token: one fresh token, one more try.
        m_has_refreshed = true;
        m_tokens.invalidate();
        m_log->info(fmt::format("source {}: access token refused (HTTP 403 {}); refreshing it",
                                m_settings.name,
                                sp_error_code(reply.body)));
        request_page();
        return;
    }
    if (reply.status != 200) {
        const auto code = sp_error_code(reply.body);
        end_marketplace(fmt::format(
            "searchOrders answered HTTP {}{}{}", reply.status, code.empty() ? "" : " ", code));
        return;
    }
    auto page = parse_search_page(reply.body);
    if (!page) {
        ++m_attempt;
        if (m_attempt >= m_settings.max_attempts) {
            end_marketplace(page.error().message);
            return;
        }
        retry_later(tracking::backoff_delay(m_attempt,
                                            m_settings.backoff_base,
                                            m_settings.backoff_max,
                                            jitter(),
                                            std::chrono::seconds{0}),
                    page.error().message);
        return;
    }
    m_attempt = 0;
    m_throttled = 0;
    m_has_refreshed = false;
    on_page(*page);
}

void AccountPoller::on_page(const SearchPage& page) {
    for (const auto& skipped : page.skipped) {
        m_log->warn(fmt::format("source {}: {}: page {}: {}: skipped",
                                m_settings.name,
                                m_query.marketplace_id,
                                m_pages + 1,
                                skipped));
    }
    const auto& rules = m_rules ? *m_rules : carriers::Ruleset::builtin();
    const auto now = m_clock.now();
    std::size_t changed = 0;
    auto transaction = store::Transaction::begin(m_store);
    if (!transaction) {
        end_marketplace(transaction.error().message);
        return;
    }
    for (const auto& order : page.orders) {
        auto mapped = map_order(order, rules);
        if (mapped.marketplace_scan_at) {
            auto stored = m_store.find_order(order.order_id);
            if (!stored) {
                end_marketplace(stored.error().message);
                return;
            }
            if (!*stored || !(*stored)->first_scan_at) {
                mapped.patch.values.first_scan_at = mapped.marketplace_scan_at;
                mapped.patch.set(store::OrderField::first_scan_at);
            }
        }
        auto written =
            m_store.write_marketplace_order(mapped.patch, m_source, mapped.packages, now);
        if (!written) {
            end_marketplace(written.error().message);
            return;
        }
        if (*written != store::UpsertOutcome::unchanged) {
            ++changed;
        }
    }
    if (auto committed = transaction->commit(); !committed) {
        end_marketplace(committed.error().message);
        return;
    }
    ++m_pages;
    m_received += page.orders.size();
    m_outcome.orders += page.orders.size();
    m_outcome.orders_changed += changed;
    if (!m_watermark) {
        m_watermark = page.last_updated_before ? page.last_updated_before : page.created_before;
    }
    if (changed > 0 && m_on_changed) {
        m_on_changed();
    }
    if (!page.next_token.empty()) {
        m_query.pagination_token = page.next_token;
        request_page();
        return;
    }
    end_marketplace("");
}

void AccountPoller::end_marketplace(std::string_view error) {
    const auto& marketplace = m_settings.marketplace_ids[m_marketplace];
    std::optional<core::TimePoint> watermark;
    if (error.empty()) {
        watermark = m_watermark.value_or(m_started - k_settle);
    }
    if (auto recorded = m_store.record_poll(m_source,
                                            marketplace,
                                            m_clock.now(),
                                            static_cast<std::int64_t>(m_received),
                                            error,
                                            watermark);
        !recorded) {
        m_log->error(fmt::format("source {}: {}", m_settings.name, recorded.error().message));
    }
    if (!error.empty()) {
        ++m_outcome.failed_marketplaces;
        m_log->error(fmt::format("source {}: {}: poll failed: {}; the watermark stays, next try "
                                 "at the next poll",
                                 m_settings.name,
                                 marketplace,
                                 error));
    } else if (m_received > 0) {
        m_log->info(fmt::format("source {}: {}: {} orders in {} pages; watermark {}",
                                m_settings.name,
                                marketplace,
                                m_received,
                                m_pages,
                                core::format_instant(*watermark)));
    } else {
        m_log->debug(fmt::format("source {}: {}: nothing new", m_settings.name, marketplace));
    }
    ++m_marketplace;
    begin_marketplace();
}

void AccountPoller::end_round() {
    if (m_on_polled) {
        m_on_polled(m_outcome);
    }
    if (m_is_repeating && !m_is_closed && !m_outcome.is_paused) {
        wait(m_settings.poll_interval, &AccountPoller::begin_round);
    }
}

} // namespace vtrguard::sources
