#include <vtrguard/carriers/explain.hpp>
#include <vtrguard/carriers/tracking_api.hpp>
#include <vtrguard/tracking/tracker.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace vtrguard::tracking {

std::string_view lookup_outcome_name(LookupOutcome outcome) {
    switch (outcome) {
    case LookupOutcome::tracked:
        return "tracked";
    case LookupOutcome::invalid_format:
        return "invalid_format";
    case LookupOutcome::format_only:
        return "format_only";
    case LookupOutcome::unreachable:
        return "unreachable";
    case LookupOutcome::forbidden:
        return "forbidden";
    case LookupOutcome::rejected:
        return "rejected";
    case LookupOutcome::cancelled:
        return "cancelled";
    }
    return "unknown";
}

std::optional<LookupOutcome> parse_lookup_outcome(std::string_view name) {
    if (name.empty()) {
        return std::nullopt;
    }
    for (const auto outcome : {LookupOutcome::tracked,
                               LookupOutcome::invalid_format,
                               LookupOutcome::format_only,
                               LookupOutcome::unreachable,
                               LookupOutcome::forbidden,
                               LookupOutcome::rejected,
                               LookupOutcome::cancelled}) {
        if (lookup_outcome_name(outcome) == name) {
            return outcome;
        }
    }
    return std::nullopt;
}

bool is_failed_lookup(LookupOutcome outcome) {
    return outcome == LookupOutcome::unreachable || outcome == LookupOutcome::forbidden
           || outcome == LookupOutcome::rejected;
}

Tracker::Tracker(boost::asio::any_io_executor executor,
                 http::Client& http,
                 const TrackingSettings& settings,
                 const core::Clock& clock,
                 std::shared_ptr<spdlog::logger> logger,
                 const carriers::Ruleset& rules)
    : m_executor(std::move(executor))
    , m_validator(rules)
    , m_log(std::move(logger)) {
    for (const auto& carrier : settings.carriers) {
        if (!carrier.is_enabled) {
            continue;
        }
        auto api = carriers::make_tracking_api(carrier.api);
        if (!api) {
            m_log->warn("{}: no such carrier API; skipped", carrier.api);
            continue;
        }
        if (!carrier.secret.is_configured()) {
            m_log->info("{}: no credentials configured; {} numbers get format checks only",
                        carrier.api,
                        fmt::join(carrier.covers, "/"));
            continue;
        }
        auto secret = core::load_secret(carrier.secret);
        if (!secret) {
            m_log->warn("{}: {}; {} numbers get format checks only",
                        carrier.api,
                        secret.error().message,
                        fmt::join(carrier.covers, "/"));
            continue;
        }
        m_clients.push_back(std::make_unique<CarrierClient>(
            m_executor, http, carrier, std::move(api), std::move(*secret), clock, m_log));
    }
}

Tracker::~Tracker() {
    stop();
}

CarrierClient* Tracker::route(std::string_view carrier, const CarrierClient* after) const {
    auto it = m_clients.begin();
    if (after != nullptr) {
        it = std::find_if(m_clients.begin(), m_clients.end(), [after](const auto& client) {
            return client.get() == after;
        });
        it = it == m_clients.end() ? it : std::next(it);
    }
    for (; it != m_clients.end(); ++it) {
        const auto& client = *it;
        const auto& covers = client->settings().covers;
        if (std::find(covers.begin(), covers.end(), carrier) != covers.end()) {
            return client.get();
        }
    }
    return nullptr;
}

bool Tracker::can_verify(std::string_view carrier) const {
    return route(carrier) != nullptr;
}

const CarrierClient* Tracker::client(std::string_view api) const {
    for (const auto& client : m_clients) {
        if (client->settings().api == api) {
            return client.get();
        }
    }
    return nullptr;
}

void Tracker::answer(LookupHandler on_done, Lookup lookup) {
    boost::asio::post(
        m_executor,
        [on_done = std::move(on_done), lookup = std::move(lookup), log = m_log]() mutable {
            try {
                on_done(std::move(lookup));
            } catch (const std::exception& error) {
                log->error("tracking: lookup handler threw: {}", error.what());
            }
        });
}

void Tracker::track(std::string_view number, std::string_view declared, LookupHandler on_done) {
    Lookup lookup;
    lookup.number = std::string(number);
    if (m_is_stopped) {
        lookup.outcome = LookupOutcome::cancelled;
        lookup.detail = "the tracker stopped";
        answer(std::move(on_done), std::move(lookup));
        return;
    }
    const auto& rules = m_validator.rules();
    std::optional<carriers::CarrierId> declared_id;
    if (!declared.empty()) {
        declared_id = rules.find_carrier(declared);
        if (!declared_id) {
            lookup.outcome = LookupOutcome::invalid_format;
            lookup.detail = fmt::format("unknown carrier \"{}\"", declared);
            answer(std::move(on_done), std::move(lookup));
            return;
        }
    }
    const auto verdict = m_validator.validate(number, declared_id);
    const auto format = verdict.primary_format();
    if (format) {
        lookup.carrier = rules.carrier(rules.format(*format).carrier).code;
    }
    if (!verdict.is_valid() || !format) {
        lookup.outcome = LookupOutcome::invalid_format;
        lookup.detail = carriers::explain(verdict, rules);
        answer(std::move(on_done), std::move(lookup));
        return;
    }
    lookup.number = std::string(verdict.normalized.text());
    auto* client = route(lookup.carrier);
    if (client == nullptr && rules.format(*format).is_keyed_by_suffix) {
        // Two hundred national posts are not listed one by one: the API that covers the
        // `postal` catch-all (17TRACK) covers every post's S10 numbers.
        client = route("postal");
    }
    if (client == nullptr) {
        lookup.outcome = LookupOutcome::format_only;
        lookup.detail = fmt::format("no carrier API with credentials covers {}; format checks only",
                                    lookup.carrier);
        answer(std::move(on_done), std::move(lookup));
        return;
    }
    carriers::TrackQuery query{lookup.number, rules.format_spec(*format).id};
    // When the first API refuses the number (USPS's 403 for other mailers' labels) or cannot
    // be reached, the next API covering the carrier (17TRACK, by default) gets a try.
    auto* fallback = route(lookup.carrier, client);
    client->submit(query,
                   [carrier = lookup.carrier, query, fallback, on_done = std::move(on_done)](
                       Lookup result) mutable {
                       const bool is_refused = result.outcome == LookupOutcome::forbidden
                                               || result.outcome == LookupOutcome::unreachable;
                       if (is_refused && fallback != nullptr) {
                           fallback->submit(std::move(query),
                                            [carrier, on_done = std::move(on_done)](Lookup second) {
                                                second.carrier = carrier;
                                                on_done(std::move(second));
                                            });
                           return;
                       }
                       result.carrier = carrier;
                       on_done(std::move(result));
                   });
}

void Tracker::stop() {
    m_is_stopped = true;
    for (const auto& client : m_clients) {
        client->stop();
    }
}

} // namespace vtrguard::tracking
