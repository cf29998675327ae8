#pragma once

#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/http/client.hpp>
#include <vtrguard/tracking/carrier_client.hpp>
#include <vtrguard/tracking/carrier_settings.hpp>
#include <vtrguard/tracking/lookup.hpp>

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::tracking {

// Asks carriers about tracking numbers. Each number is validated first (a format-invalid number
// is never sent), routed to the carrier API that covers its carrier, and looked up there with
// that API's pacing, retries and circuit breaker; one carrier's trouble never delays another.
// Carriers without credentials get format checks only, said once in the log at construction.
// Lives on the loop thread: call it and read results there.
class Tracker {
public:
    // Loads each enabled API's secret. `http`, `clock` and `rules` (the carriers numbers are
    // validated against before a lookup) must outlive the tracker.
    Tracker(boost::asio::any_io_executor executor,
            http::Client& http,
            const TrackingSettings& settings,
            const core::Clock& clock,
            std::shared_ptr<spdlog::logger> logger,
            const carriers::Ruleset& rules = carriers::Ruleset::builtin());
    ~Tracker();
    Tracker(const Tracker&) = delete;
    Tracker& operator=(const Tracker&) = delete;
    Tracker(Tracker&&) = delete;
    Tracker& operator=(Tracker&&) = delete;

    // Looks `number` up; `declared` is the carrier the seller named (code or name), empty to
    // detect it. `on_done` runs once on the loop, never inside this call.
    void track(std::string_view number, std::string_view declared, LookupHandler on_done);

    // Whether numbers of validator carrier `carrier` can be verified online.
    bool can_verify(std::string_view carrier) const;

    // The APIs in use (with credentials), e.g. for stats.
    const CarrierClient* client(std::string_view api) const;

    // Fails queued lookups with `cancelled`; later track() calls get `cancelled` too.
    void stop();

private:
    // The first client with credentials covering `carrier`, after `after` when given.
    CarrierClient* route(std::string_view carrier, const CarrierClient* after = nullptr) const;
    void answer(LookupHandler on_done, Lookup lookup);

    boost::asio::any_io_executor m_executor;
    carriers::Validator m_validator;
    std::vector<std::unique_ptr<CarrierClient>> m_clients;
    std::shared_ptr<spdlog::logger> m_log;
    bool m_is_stopped = false;
};

} // namespace vtrguard::tracking
