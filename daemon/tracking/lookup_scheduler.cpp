#include <vtrguard/tracking/lookup_scheduler.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <exception>

namespace vtrguard::tracking {

namespace {

// Orders asked about per poll, beyond those in flight: the tracker queues them per carrier and
// paces them, so this only bounds memory.
constexpr std::size_t k_poll_batch = 1000;

// Answers are stored together, in one transaction, at most this long after they arrive.
constexpr auto k_flush_delay = std::chrono::milliseconds{200};

// The shortest gap between two polls, so numbers still in flight never make the loop spin.
constexpr auto k_min_poll_gap = std::chrono::seconds{1};

// The longest: new numbers also come with each sweep, this only catches what came otherwise.
constexpr auto k_max_poll_gap = std::chrono::minutes{5};

} // namespace

http::CurlOptions curl_options(const TrackingSettings& settings) {
    http::CurlOptions options;
    options.ca_file = settings.ca_file;
    options.connect_timeout = settings.connect_timeout;
    options.max_body_bytes = settings.max_body_bytes;
    options.user_agent = settings.app_name;
    return options;
}

std::optional<core::TimePoint> next_lookup_at(const store::CarrierLookup& lookup,
                                              const config::LookupSchedule& schedule) {
    if (lookup.has_physical_scan || lookup.outcome == LookupOutcome::invalid_format
        || lookup.outcome == LookupOutcome::format_only) {
        return std::nullopt;
    }
    if (lookup.checked_at - lookup.first_at >= schedule.stop_after) {
        return std::nullopt;
    }
    auto gap = schedule.retry_min;
    for (int i = 1; i < lookup.attempts && gap < schedule.retry_max; ++i) {
        gap *= 2;
    }
    return lookup.checked_at + std::min(gap, schedule.retry_max);
}

LookupScheduler::LookupScheduler(boost::asio::any_io_executor executor,
                                 store::Store& store,
                                 http::Client& http,
                                 const config::Config& config,
                                 const core::Clock& clock,
                                 std::shared_ptr<spdlog::logger> logger,
                                 RecordedHandler on_recorded)
    : m_executor(std::move(executor))
    , m_store(store)
    , m_http(http)
    , m_clock(clock)
    , m_log(std::move(logger))
    , m_on_recorded(std::move(on_recorded))
    , m_schedule(config.lookups)
    , m_poll_timer(m_executor)
    , m_flush_timer(m_executor)
    , m_grace_timer(m_executor) {
    make_tracker(config);
}

LookupScheduler::~LookupScheduler() {
    if (m_tracker) {
        m_tracker->stop();
    }
}

void LookupScheduler::make_tracker(const config::Config& config) {
    if (m_tracker) {
        m_tracker->stop();
    }
    ++m_generation;
    m_in_flight.clear();
    m_asking.clear();
    m_tracker.reset(); // before the rules it validates with are let go
    m_rules = config.rules;
    m_tracker = std::make_unique<Tracker>(
        m_executor, m_http, config.carriers, m_clock, m_log, config.ruleset());
}

void LookupScheduler::poll() {
    if (m_is_closed) {
        return;
    }
    const auto now = m_clock.now();
    auto due = m_store.due_lookups(now, m_in_flight.size() + k_poll_batch);
    if (!due) {
        m_log->error("lookups: {}; trying again later", due.error().message);
    } else {
        for (auto& item : *due) {
            // Asked already, or answered and not yet stored: its row still looks due.
            if (m_in_flight.contains(item.order_id) || m_unstored.contains(item.order_id)) {
                continue;
            }
            m_in_flight.insert(item.order_id);
            // Orders sharing a number share the question: one request per number, not per order.
            auto key = item.carrier + '\n' + item.number;
            auto [asking, is_new] = m_asking.try_emplace(key);
            asking->second.push_back(std::move(item));
            if (!is_new) {
                continue;
            }
            const auto& first = asking->second.front();
            const auto generation = m_generation;
            m_tracker->track(first.number, first.carrier, [this, generation, key](Lookup lookup) {
                if (generation != m_generation) {
                    return; // asked again through the new tracker
                }
                const auto found = m_asking.find(key);
                if (found == m_asking.end()) {
                    return;
                }
                auto waiting = std::move(found->second);
                m_asking.erase(found);
                for (const auto& waiter : waiting) {
                    on_answer(waiter, lookup);
                }
            });
        }
    }
    arm_poll();
}

void LookupScheduler::arm_poll() {
    auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(k_max_poll_gap);
    if (auto next = m_store.earliest_lookup(); next && *next) {
        const auto until =
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(**next - m_clock.now());
        wait = std::clamp(until,
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::seconds{k_min_poll_gap}),
                          wait);
    }
    m_poll_timer.expires_after(wait);
    m_poll_timer.async_wait([this](const boost::system::error_code& error) {
        if (error || m_is_closed) {
            return;
        }
        try {
            poll();
        } catch (const std::exception& failure) {
            m_log->error("lookups: unexpected failure: {}", failure.what());
        }
    });
}

void LookupScheduler::on_answer(const store::LookupDue& due, Lookup lookup) {
    m_in_flight.erase(due.order_id);
    if (lookup.outcome != LookupOutcome::cancelled) {
        const auto now = m_clock.now();
        store::CarrierLookup state = due.previous.value_or(store::CarrierLookup{});
        if (!due.previous) {
            state.first_at = now;
        }
        state.number = due.number;
        state.checked_at = now;
        state.outcome = lookup.outcome;
        ++state.attempts;
        store::LookupWrite write{due.order_id, {}, {}};
        // Format checks only, after nothing or the same: no alert of the order can change.
        write.wakes_sweep =
            lookup.outcome != LookupOutcome::format_only
            || (due.previous && due.previous->outcome != LookupOutcome::format_only);
        if (lookup.outcome == LookupOutcome::tracked) {
            const auto& result = lookup.result;
            state.status = result.status;
            state.has_physical_scan = result.has_physical_scan;
            if (result.first_scan) {
                state.first_scan_at = core::TimePoint{std::chrono::seconds{*result.first_scan}};
            }
            state.detail.clear();
            write.events = result.events;
        } else {
            state.detail = lookup.detail;
        }
        state.next_at = next_lookup_at(state, m_schedule);
        m_log->debug("lookups: order {} number {}: {}{}{}",
                     due.order_id,
                     due.number,
                     lookup_outcome_name(lookup.outcome),
                     state.status ? " " : "",
                     state.status ? carriers::track_status_name(*state.status) : "");
        write.lookup = std::move(state);
        m_unstored.insert(due.order_id);
        m_pending.push_back(std::move(write));
        ++m_lookups_done;
        arm_flush();
    }
    if (m_is_closed && m_in_flight.empty()) {
        finish();
    }
}

void LookupScheduler::arm_flush() {
    if (m_is_flush_armed || m_is_closed) {
        return;
    }
    m_is_flush_armed = true;
    m_flush_timer.expires_after(k_flush_delay);
    m_flush_timer.async_wait([this](const boost::system::error_code& error) {
        m_is_flush_armed = false;
        if (error) {
            return;
        }
        try {
            flush();
        } catch (const std::exception& failure) {
            m_log->error("lookups: unexpected failure: {}", failure.what());
        }
    });
}

void LookupScheduler::flush() {
    if (m_pending.empty()) {
        return;
    }
    auto recorded = m_store.record_lookups(m_pending);
    const auto count = m_pending.size();
    m_pending.clear();
    m_unstored.clear();
    if (!recorded) {
        // Their next lookup time was not moved, so they are asked again at the next poll.
        m_log->error("lookups: {} answers not stored: {}", count, recorded.error().message);
        return;
    }
    if (m_on_recorded) {
        m_on_recorded();
    }
}

void LookupScheduler::reconfigure(const config::Config& config) {
    m_schedule = config.lookups;
    make_tracker(config);
    if (auto retried = m_store.retry_format_only(m_clock.now()); !retried) {
        m_log->error("lookups: {}", retried.error().message);
    }
    if (!m_is_closed) {
        poll();
    }
}

void LookupScheduler::close(std::chrono::milliseconds grace, std::function<void()> on_closed) {
    if (m_is_closed) {
        return;
    }
    m_is_closed = true;
    m_on_closed = std::move(on_closed);
    m_poll_timer.cancel();
    if (m_in_flight.empty()) {
        boost::asio::post(m_executor, [this] { finish(); });
        return;
    }
    m_log->info(
        "lookups: waiting up to {} ms for {} lookups in flight", grace.count(), m_in_flight.size());
    m_grace_timer.expires_after(grace);
    m_grace_timer.async_wait([this](const boost::system::error_code& error) {
        if (!error) {
            finish();
        }
    });
}

void LookupScheduler::finish() {
    if (m_is_finished) {
        return;
    }
    m_is_finished = true;
    m_grace_timer.cancel();
    m_flush_timer.cancel();
    // Whatever is still queued or in flight is dropped; it is asked again after a restart.
    ++m_generation;
    m_tracker->stop();
    flush();
    if (m_on_closed) {
        m_on_closed();
    }
}

} // namespace vtrguard::tracking
