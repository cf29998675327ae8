#pragma once

#include <vtrguard/core/clock.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vtrguard::service {

// The daemon's own work: sweeping the orders and taking in the inbox's files.
enum class Work { sweep, intake };

std::string_view work_name(Work work);

// Whether the daemon is doing its work: a kind of work that has failed every time for longer
// than `stall_after` stalls the daemon (alert DAEMON_STALLED, docs/alerts.md) until it
// succeeds again. No I/O and no clock of its own: callers pass `now`. Not thread-safe.
class Health {
public:
    explicit Health(std::chrono::seconds stall_after)
        : m_stall_after(stall_after) {}

    void set_stall_after(std::chrono::seconds stall_after) { m_stall_after = stall_after; }

    void succeeded(Work work, core::TimePoint now);

    void failed(Work work, core::TimePoint now, std::string why);

    bool is_stalled(core::TimePoint now) const;

    // True the first time the daemon is found stalled since it last did its work, so the
    // caller says so once per stall; asked after each failure and on each watchdog tick.
    bool take_new_stall(core::TimePoint now);

    std::optional<core::TimePoint> last_good_sweep() const { return m_last_good_sweep; }

    // The work failing longest, when any fails: since when, and the last error.
    struct Failing {
        Work work = Work::sweep;
        core::TimePoint since;
        std::string why;
    };

    std::optional<Failing> failing() const;

    // The DAEMON_STALLED log line (text; the log's JSON format wraps it).
    std::string stalled_text(core::TimePoint now) const;

private:
    struct Track {
        std::optional<core::TimePoint> failing_since; // unset while the last try succeeded
        std::string why;
    };

    Track& track(Work work) { return work == Work::sweep ? m_sweep : m_intake; }

    std::chrono::seconds m_stall_after;
    Track m_sweep;
    Track m_intake;
    bool m_is_stall_told = false;
    std::optional<core::TimePoint> m_last_good_sweep;
};

} // namespace vtrguard::service
