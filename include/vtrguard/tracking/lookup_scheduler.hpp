#pragma once

#include <vtrguard/config/config.hpp>
#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/http/client.hpp>
#include <vtrguard/http/curl_client.hpp>
#include <vtrguard/store/store.hpp>
#include <vtrguard/tracking/tracker.hpp>

#include <spdlog/logger.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vtrguard::tracking {

// The HTTP client options the carrier settings ask for (CA file, timeouts, body limit, name).
http::CurlOptions curl_options(const TrackingSettings& settings);

// When `lookup` (just made) should be repeated: nullopt once the parcel has a physical scan, the
// number cannot be sent (format checks only, invalid) or `stop_after` has passed since the first
// lookup; otherwise `retry_min` after the first lookup, doubling per lookup up to `retry_max`.
// Pure.
std::optional<core::TimePoint> next_lookup_at(const store::CarrierLookup& lookup,
                                              const config::LookupSchedule& schedule);

// The daemon's carrier lookups: finds the orders whose number is new or due again, asks the
// carriers through a Tracker, stores the answers and tells the owner so that the sweep looks at
// those orders. Lives on the loop thread, like the store it writes.
class LookupScheduler {
public:
    // Called after answers were stored.
    using RecordedHandler = std::function<void()>;

    // `store`, `http` and `clock` must outlive the scheduler. Builds the tracker, which logs once
    // which carriers get format checks only.
    LookupScheduler(boost::asio::any_io_executor executor,
                    store::Store& store,
                    http::Client& http,
                    const config::Config& config,
                    const core::Clock& clock,
                    std::shared_ptr<spdlog::logger> logger,
                    RecordedHandler on_recorded);
    ~LookupScheduler();
    LookupScheduler(const LookupScheduler&) = delete;
    LookupScheduler& operator=(const LookupScheduler&) = delete;
    LookupScheduler(LookupScheduler&&) = delete;
    LookupScheduler& operator=(LookupScheduler&&) = delete;

    // Looks for numbers due now (new ones appear after a sweep) and plans the next wake-up.
    void poll();

    // Takes new carrier settings and schedule (SIGHUP): lookups in flight are cancelled and asked
    // again through a new tracker; numbers that got format checks only are asked again.
    void reconfigure(const config::Config& config);

    // Stops taking new lookups. Lookups in flight may finish within `grace`; then the rest are
    // cancelled, the answers stored, and `on_closed` runs (once, on the loop).
    void close(std::chrono::milliseconds grace, std::function<void()> on_closed);

    std::size_t in_flight() const { return m_in_flight.size(); }

    std::size_t lookups_done() const { return m_lookups_done; }

private:
    void on_answer(const store::LookupDue& due, Lookup lookup);
    void arm_poll();
    void arm_flush();
    void flush();
    void finish();
    void make_tracker(const config::Config& config);

    boost::asio::any_io_executor m_executor;
    store::Store& m_store;
    http::Client& m_http;
    const core::Clock& m_clock;
    std::shared_ptr<spdlog::logger> m_log;
    RecordedHandler m_on_recorded;
    config::LookupSchedule m_schedule;
    std::shared_ptr<const carriers::Ruleset> m_rules; // the tracker's; kept across reloads
    std::unique_ptr<Tracker> m_tracker;
    boost::asio::steady_timer m_poll_timer;
    boost::asio::steady_timer m_flush_timer;
    boost::asio::steady_timer m_grace_timer;
    std::set<std::string, std::less<>> m_in_flight; // order ids
    // Questions in flight, by carrier and number, with the orders waiting for the answer.
    std::map<std::string, std::vector<store::LookupDue>> m_asking;
    std::vector<store::LookupWrite> m_pending;     // answers not yet stored
    std::set<std::string, std::less<>> m_unstored; // their order ids: not asked again meanwhile
    std::function<void()> m_on_closed;
    std::uint64_t m_generation = 0; // bumped when the tracker is replaced
    std::size_t m_lookups_done = 0;
    bool m_is_flush_armed = false;
    bool m_is_closed = false;
    bool m_is_finished = false;
};

} // namespace vtrguard::tracking
