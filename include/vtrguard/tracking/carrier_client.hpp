#pragma once

#include <vtrguard/carriers/tracking_api.hpp>
#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/secret.hpp>
#include <vtrguard/http/client.hpp>
#include <vtrguard/tracking/carrier_settings.hpp>
#include <vtrguard/tracking/lookup.hpp>
#include <vtrguard/tracking/pacing.hpp>

#include <spdlog/logger.h>

#include <cstdint>
#include <memory>

namespace vtrguard::tracking {

// What a CarrierClient did so far, for tests, benchmarks and status lines.
struct CarrierStats {
    std::uint64_t requests = 0;       // tracking requests sent
    std::uint64_t retries = 0;        // numbers sent again after a failure
    std::uint64_t token_requests = 0; // OAuth token requests sent
    std::uint64_t throttled = 0;      // 429 and quota answers
    std::uint64_t breaker_opens = 0;
    CircuitBreaker::State breaker = CircuitBreaker::State::closed;
};

// Looks numbers up at one carrier API, politely: a token bucket and a daily quota pace the
// requests, numbers are batched as far as the API allows, the OAuth token is cached and
// refreshed before it expires and once on a 401, failures are retried with jittered
// exponential backoff honouring Retry-After, and a circuit breaker fails lookups fast while the
// carrier is down. Lives on the loop thread; every handler runs there.
class CarrierClient {
public:
    CarrierClient(boost::asio::any_io_executor executor,
                  http::Client& http,
                  CarrierSettings settings,
                  std::unique_ptr<carriers::TrackingApi> api,
                  core::Secret secret,
                  const core::Clock& clock,
                  std::shared_ptr<spdlog::logger> logger);
    ~CarrierClient();
    CarrierClient(const CarrierClient&) = delete;
    CarrierClient& operator=(const CarrierClient&) = delete;
    CarrierClient(CarrierClient&&) = delete;
    CarrierClient& operator=(CarrierClient&&) = delete;

    // Queues `query`; `on_done` runs once on the loop with the answer.
    void submit(carriers::TrackQuery query, LookupHandler on_done);

    // Fails every queued lookup with `cancelled` and refuses new ones. Requests in flight end
    // with `cancelled` too when their answers arrive.
    void stop();

    CarrierStats stats() const;
    const CarrierSettings& settings() const;

private:
    class Impl;
    std::shared_ptr<Impl> m_impl;
};

} // namespace vtrguard::tracking
