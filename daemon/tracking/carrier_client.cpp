#include "auth.hpp"

#include <vtrguard/core/url_redact.hpp>
#include <vtrguard/tracking/carrier_client.hpp>

#include <spdlog/spdlog.h>

#include <deque>
#include <exception>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <unordered_map>

namespace vtrguard::tracking {

namespace {

using std::chrono::steady_clock;

struct Pending {
    carriers::TrackQuery query;
    LookupHandler on_done;
    int attempts = 0; // lookup tries begun, not HTTP requests: a multi-step API spends several
};

// Numbers sent together, and the step of the API's flow they are at.
struct Batch {
    std::vector<Pending> items;
    std::size_t step = 0;
    bool is_token_retried = false;
};

using BatchPtr = std::shared_ptr<Batch>;

LookupOutcome outcome_for(carriers::ApiErrorKind kind) {
    switch (kind) {
    case carriers::ApiErrorKind::forbidden:
        return LookupOutcome::forbidden;
    case carriers::ApiErrorKind::unauthorized:
    case carriers::ApiErrorKind::rejected:
        return LookupOutcome::rejected;
    default:
        return LookupOutcome::unreachable;
    }
}

bool is_retryable(carriers::ApiErrorKind kind) {
    return kind == carriers::ApiErrorKind::throttled || kind == carriers::ApiErrorKind::transient
           || kind == carriers::ApiErrorKind::bad_response;
}

} // namespace

class CarrierClient::Impl : public std::enable_shared_from_this<Impl> {
public:
    Impl(boost::asio::any_io_executor executor,
         http::Client& http,
         CarrierSettings settings,
         std::unique_ptr<carriers::TrackingApi> api,
         core::Secret secret,
         const core::Clock& clock,
         std::shared_ptr<spdlog::logger> logger)
        : m_executor(std::move(executor))
        , m_http(http)
        , m_settings(std::move(settings))
        , m_api(std::move(api))
        , m_secret(std::move(secret))
        , m_clock(clock)
        , m_log(std::move(logger))
        , m_bucket(m_settings.requests_per_second, m_settings.burst, steady_clock::now())
        , m_quota(m_settings.daily_quota)
        , m_breaker(m_settings.breaker_threshold, m_settings.breaker_cooldown)
        , m_timer(m_executor)
        , m_random(std::random_device{}()) {
        m_settings.batch_size =
            std::clamp<std::size_t>(m_settings.batch_size, 1, m_api->max_batch());
    }

    void submit(carriers::TrackQuery query, LookupHandler on_done) {
        Pending pending{std::move(query), std::move(on_done), 0};
        if (m_is_stopped) {
            deliver(pending, LookupOutcome::cancelled, "the tracker stopped");
            return;
        }
        m_queue.push_back(std::move(pending));
        pump();
    }

    void stop() {
        if (m_is_stopped) {
            return;
        }
        m_is_stopped = true;
        m_timer.cancel();
        fail_queued(LookupOutcome::cancelled, "the tracker stopped");
        for (const auto& batch : m_active) {
            for (auto& item : batch->items) {
                deliver(item, LookupOutcome::cancelled, "the tracker stopped");
            }
        }
        m_active.clear();
    }

    CarrierStats stats() const {
        auto copy = m_stats;
        copy.breaker = m_breaker.state();
        return copy;
    }

    const CarrierSettings& settings() const { return m_settings; }

private:
    bool has_queued() const { return !m_queue.empty() || !m_continuations.empty(); }

    bool needs_token(Instant now) const {
        return m_api->auth() != carriers::AuthScheme::api_key
               && (!m_token || now >= m_token_refresh_at);
    }

    // Sends whatever the limits allow now and arms the timer for the next chance.
    void pump() {
        if (m_is_stopped) {
            return;
        }
        auto now = steady_clock::now();
        while (!m_waiting.empty() && m_waiting.begin()->first <= now) {
            m_queue.push_front(std::move(m_waiting.begin()->second));
            m_waiting.erase(m_waiting.begin());
        }
        while (has_queued() && m_in_flight < m_settings.max_in_flight) {
            if (m_breaker.state() == CircuitBreaker::State::open && now < m_breaker.reopens_at()) {
                fail_queued(LookupOutcome::unreachable,
                            fmt::format("{}: circuit open after repeated failures; not asking "
                                        "until it cools down",
                                        m_api->code()));
                break;
            }
            if (needs_token(now)) {
                if (now < m_token_not_before) {
                    arm(m_token_not_before);
                } else if (!m_is_fetching_token) {
                    fetch_token();
                }
                break;
            }
            const auto wait = m_bucket.wait_time(now);
            if (wait.count() > 0) {
                arm(now + wait);
                break;
            }
            if (!m_quota.try_take(m_clock.now())) {
                ++m_stats.throttled;
                fail_queued(
                    LookupOutcome::unreachable,
                    fmt::format("{}: daily quota of {} requests used; it resets at 00:00 UTC",
                                m_api->code(),
                                m_settings.daily_quota));
                break;
            }
            if (!m_breaker.allow(now)) {
                break; // a half-open probe is in flight; its answer pumps again
            }
            m_bucket.try_take(now);
            send(next_batch());
            now = steady_clock::now();
        }
        if (!m_waiting.empty()) {
            arm(m_waiting.begin()->first);
        }
    }

    BatchPtr next_batch() {
        if (!m_continuations.empty()) {
            auto batch = std::move(m_continuations.front());
            m_continuations.pop_front();
            return batch;
        }
        auto batch = std::make_shared<Batch>();
        while (!m_queue.empty() && batch->items.size() < m_settings.batch_size) {
            batch->items.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        return batch;
    }

    void arm(Instant at) {
        if (m_is_timer_armed && m_timer_at <= at) {
            return;
        }
        m_is_timer_armed = true;
        m_timer_at = at;
        m_timer.expires_at(at);
        m_timer.async_wait([weak = weak_from_this()](const boost::system::error_code& error) {
            auto self = weak.lock();
            if (!self || error == boost::asio::error::operation_aborted) {
                return;
            }
            self->m_is_timer_armed = false;
            self->guarded([&] { self->pump(); });
        });
    }

    void send(const BatchPtr& batch) {
        std::vector<carriers::TrackQuery> queries;
        queries.reserve(batch->items.size());
        for (auto& item : batch->items) {
            queries.push_back(item.query);
            if (batch->step == 0) {
                ++item.attempts; // a try starts at the first step; later steps belong to it
            }
        }
        carriers::RequestContext context;
        context.transaction_id = fmt::format("vtrguard-{}-{}", m_api->code(), ++m_transaction);
        context.app_name = m_app_name;
        const auto described = m_api->build(batch->step, queries, context);
        http::Request request;
        request.method = described.method;
        request.url = m_settings.base_url + described.target;
        request.headers.assign(described.headers.begin(), described.headers.end());
        request.body = described.body;
        request.timeout = m_settings.timeout;
        add_credentials(
            request, *m_api, m_api->auth() == carriers::AuthScheme::api_key ? m_secret : *m_token);
        m_log->debug("{}: {} {} ({} numbers)",
                     m_api->code(),
                     request.method,
                     core::redact_url(request.url),
                     queries.size());
        ++m_stats.requests;
        ++m_in_flight;
        m_active.insert(batch);
        m_http.fetch(std::move(request),
                     [weak = weak_from_this(), batch, queries = std::move(queries)](
                         http::Response response) {
                         auto self = weak.lock();
                         if (!self || self->m_is_stopped) {
                             return;
                         }
                         self->guarded([&] { self->on_reply(batch, queries, response); });
                     });
    }

    void on_reply(const BatchPtr& batch,
                  const std::vector<carriers::TrackQuery>& queries,
                  const http::Response& response) {
        m_active.erase(batch);
        --m_in_flight;
        handle(batch, queries, response);
        pump();
    }

    void handle(const BatchPtr& batch,
                const std::vector<carriers::TrackQuery>& queries,
                const http::Response& response) {
        const auto now = steady_clock::now();
        if (!response) {
            const auto& failure = response.error();
            const auto reason = fmt::format(
                "{}: {} ({})", m_api->code(), http::failure_name(failure.kind), failure.detail);
            if (failure.kind == http::Failure::Kind::cancelled) {
                fail(batch->items, LookupOutcome::cancelled, reason);
            } else if (failure.kind == http::Failure::Kind::rate_limited) {
                throttled(now, failure.retry_after);
                retry(batch->items, failure.retry_after, reason);
            } else {
                breaker_failure(now);
                retry(batch->items, std::chrono::seconds{0}, reason);
            }
            return;
        }
        const auto& reply = *response;
        if (reply.status == 401 && m_api->auth() != carriers::AuthScheme::api_key) {
            m_token.reset(); // expired or revoked early: refresh once, then resend
            if (!batch->is_token_retried) {
                m_log->info("{}: token refused (401); refreshing it", m_api->code());
                batch->is_token_retried = true;
                if (batch->step == 0) {
                    for (auto& item : batch->items) {
                        --item.attempts; // the resend is not the number's fault
                    }
                }
                m_continuations.push_front(batch);
                return;
            }
        }
        auto parsed = m_api->parse(batch->step, reply.status, reply.body, queries);
        if (!parsed) {
            const auto& error = parsed.error();
            if (error.kind == carriers::ApiErrorKind::throttled) {
                throttled(now, std::chrono::seconds{0});
            } else if (error.kind != carriers::ApiErrorKind::forbidden
                       && error.kind != carriers::ApiErrorKind::rejected) {
                breaker_failure(now);
            }
            if (is_retryable(error.kind)) {
                retry(batch->items, std::chrono::seconds{0}, error.message);
            } else {
                m_breaker.record_success(); // the carrier answered; the request was the problem
                fail(batch->items, outcome_for(error.kind), error.message);
            }
            return;
        }
        m_breaker.record_success();
        settle(batch, std::move(*parsed));
    }

    // Hands each number its outcome; numbers the step did not settle go on to the next step.
    void settle(const BatchPtr& batch, std::vector<carriers::ItemOutcome> outcomes) {
        std::unordered_map<std::string, carriers::ApiResult<carriers::TrackResult>> by_number;
        for (auto& outcome : outcomes) {
            by_number.emplace(std::move(outcome.number), std::move(outcome.result));
        }
        const bool is_last_step = batch->step + 1 >= m_api->step_count();
        auto next = std::make_shared<Batch>();
        next->step = batch->step + 1;
        std::vector<Pending> to_retry;
        std::string retry_reason;
        for (auto& item : batch->items) {
            const auto found = by_number.find(item.query.number);
            if (found == by_number.end()) {
                if (is_last_step) {
                    retry_reason =
                        fmt::format("{}: the number is missing from the reply", m_api->code());
                    to_retry.push_back(std::move(item));
                } else {
                    next->items.push_back(std::move(item));
                }
                continue;
            }
            if (found->second) {
                Lookup lookup = make_lookup(item, LookupOutcome::tracked, {});
                lookup.result = *found->second;
                post(std::move(item.on_done), std::move(lookup));
            } else if (is_retryable(found->second.error().kind)) {
                retry_reason = found->second.error().message;
                to_retry.push_back(std::move(item));
            } else {
                deliver(
                    item, outcome_for(found->second.error().kind), found->second.error().message);
            }
        }
        retry(to_retry, std::chrono::seconds{0}, retry_reason);
        if (!next->items.empty()) {
            m_continuations.push_back(std::move(next));
        }
    }

    void throttled(Instant now, std::chrono::seconds retry_after) {
        ++m_stats.throttled;
        // Without Retry-After, wait the base backoff before anything else goes out.
        const auto pause = retry_after.count() > 0
                               ? std::chrono::duration_cast<std::chrono::milliseconds>(retry_after)
                               : m_settings.backoff_base;
        m_bucket.pause_until(now + pause);
    }

    void breaker_failure(Instant now) {
        const auto before = m_breaker.state();
        m_breaker.record_failure(now);
        if (before != CircuitBreaker::State::open
            && m_breaker.state() == CircuitBreaker::State::open) {
            ++m_stats.breaker_opens;
            m_log->warn("{}: circuit open after {} consecutive failures; pausing {} ms",
                        m_api->code(),
                        m_settings.breaker_threshold,
                        m_settings.breaker_cooldown.count());
        }
    }

    void
    retry(std::vector<Pending>& items, std::chrono::seconds retry_after, const std::string& why) {
        const auto now = steady_clock::now();
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        for (auto& item : items) {
            if (item.attempts >= m_settings.max_attempts) {
                deliver(item,
                        LookupOutcome::unreachable,
                        fmt::format("{} (gave up after {} attempts)", why, item.attempts));
                continue;
            }
            ++m_stats.retries;
            const auto delay = backoff_delay(item.attempts,
                                             m_settings.backoff_base,
                                             m_settings.backoff_max,
                                             unit(m_random),
                                             retry_after);
            m_log->debug("{}: retrying {} in {} ms: {}",
                         m_api->code(),
                         item.query.number,
                         delay.count(),
                         why);
            m_waiting.emplace(now + delay, std::move(item));
        }
        items.clear();
    }

    void fetch_token() {
        m_is_fetching_token = true;
        ++m_stats.token_requests;
        auto request = token_request(m_settings, *m_api, m_secret);
        m_log->debug("{}: POST {} (token)", m_api->code(), core::redact_url(request.url));
        m_http.fetch(std::move(request), [weak = weak_from_this()](http::Response response) {
            auto self = weak.lock();
            if (!self || self->m_is_stopped) {
                return;
            }
            self->guarded([&] { self->on_token(response); });
        });
    }

    void on_token(const http::Response& response) {
        m_is_fetching_token = false;
        const auto now = steady_clock::now();
        std::string why;
        bool is_final = false;
        if (!response) {
            why = fmt::format("{}: token endpoint: {} ({})",
                              m_api->code(),
                              http::failure_name(response.error().kind),
                              response.error().detail);
            if (response.error().kind == http::Failure::Kind::rate_limited) {
                throttled(now, response.error().retry_after);
            }
        } else {
            auto grant = carriers::parse_token_response(response->status, response->body);
            if (grant) {
                const auto lifetime = std::chrono::seconds{grant->expires_in_seconds};
                const auto early = std::min(m_settings.token_refresh_margin, lifetime / 2);
                m_token = core::Secret(std::move(grant->access_token));
                m_token_refresh_at = now + lifetime - early;
                m_token_failures = 0;
                m_log->info("{}: token obtained, valid {} s", m_api->code(), lifetime.count());
                pump();
                return;
            }
            why = fmt::format("{}: {}", m_api->code(), grant.error().message);
            is_final = grant.error().kind == carriers::ApiErrorKind::unauthorized
                       || grant.error().kind == carriers::ApiErrorKind::rejected;
        }
        ++m_token_failures;
        if (is_final) {
            m_log->error("{}: credentials refused: {}", m_api->code(), why);
            fail_queued(LookupOutcome::rejected, why);
            return;
        }
        breaker_failure(now);
        if (m_token_failures >= m_settings.max_attempts) {
            m_token_failures = 0;
            fail_queued(LookupOutcome::unreachable, why);
            return;
        }
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        m_token_not_before = now
                             + backoff_delay(m_token_failures,
                                             m_settings.backoff_base,
                                             m_settings.backoff_max,
                                             unit(m_random),
                                             std::chrono::seconds{0});
        pump();
    }

    void fail_queued(LookupOutcome outcome, const std::string& why) {
        for (auto& item : m_queue) {
            deliver(item, outcome, why);
        }
        m_queue.clear();
        for (auto& batch : m_continuations) {
            fail(batch->items, outcome, why);
        }
        m_continuations.clear();
        for (auto& [at, item] : m_waiting) {
            deliver(item, outcome, why);
        }
        m_waiting.clear();
    }

    void fail(std::vector<Pending>& items, LookupOutcome outcome, const std::string& why) {
        for (auto& item : items) {
            deliver(item, outcome, why);
        }
        items.clear();
    }

    Lookup make_lookup(const Pending& item, LookupOutcome outcome, std::string detail) const {
        Lookup lookup;
        lookup.number = item.query.number;
        lookup.api = std::string(m_api->code());
        lookup.outcome = outcome;
        lookup.detail = std::move(detail);
        lookup.attempts = item.attempts;
        lookup.result.number = item.query.number;
        return lookup;
    }

    void deliver(Pending& item, LookupOutcome outcome, std::string detail) {
        post(std::move(item.on_done), make_lookup(item, outcome, std::move(detail)));
    }

    // Answers go through the loop, never inside submit(), and a throwing handler is contained.
    void post(LookupHandler handler, Lookup lookup) {
        if (!handler) {
            return;
        }
        boost::asio::post(
            m_executor,
            [handler = std::move(handler), lookup = std::move(lookup), log = m_log]() mutable {
                try {
                    handler(std::move(lookup));
                } catch (const std::exception& error) {
                    log->error("tracking: lookup handler threw: {}", error.what());
                }
            });
    }

    template <typename Function>
    void guarded(Function&& function) {
        try {
            function();
        } catch (const std::exception& error) {
            m_log->error("{}: {}", m_api->code(), error.what());
        }
    }

    boost::asio::any_io_executor m_executor;
    http::Client& m_http;
    CarrierSettings m_settings;
    std::unique_ptr<carriers::TrackingApi> m_api;
    core::Secret m_secret;
    const core::Clock& m_clock;
    std::shared_ptr<spdlog::logger> m_log;
    std::string m_app_name = "vtrguard";

    TokenBucket m_bucket;
    DailyQuota m_quota;
    CircuitBreaker m_breaker;
    boost::asio::steady_timer m_timer;
    bool m_is_timer_armed = false;
    Instant m_timer_at{};
    std::mt19937 m_random;

    std::deque<Pending> m_queue;
    std::deque<BatchPtr> m_continuations;
    std::multimap<Instant, Pending> m_waiting;
    std::set<BatchPtr> m_active;
    std::size_t m_in_flight = 0;
    std::uint64_t m_transaction = 0;

    std::optional<core::Secret> m_token;
    Instant m_token_refresh_at{};
    Instant m_token_not_before{};
    bool m_is_fetching_token = false;
    int m_token_failures = 0;

    CarrierStats m_stats;
    bool m_is_stopped = false;
};

CarrierClient::CarrierClient(boost::asio::any_io_executor executor,
                             http::Client& http,
                             CarrierSettings settings,
                             std::unique_ptr<carriers::TrackingApi> api,
                             core::Secret secret,
                             const core::Clock& clock,
                             std::shared_ptr<spdlog::logger> logger)
    : m_impl(std::make_shared<Impl>(std::move(executor),
                                    http,
                                    std::move(settings),
                                    std::move(api),
                                    std::move(secret),
                                    clock,
                                    std::move(logger))) {}

CarrierClient::~CarrierClient() {
    m_impl->stop();
}

void CarrierClient::submit(carriers::TrackQuery query, LookupHandler on_done) {
    m_impl->submit(std::move(query), std::move(on_done));
}

void CarrierClient::stop() {
    m_impl->stop();
}

CarrierStats CarrierClient::stats() const {
    return m_impl->stats();
}

const CarrierSettings& CarrierClient::settings() const {
    return m_impl->settings();
}

} // namespace vtrguard::tracking
