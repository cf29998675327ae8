#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/service/health.hpp>

#include <fmt/format.h>

#include <utility>

namespace vtrguard::service {

std::string_view work_name(Work work) {
    return work == Work::sweep ? "sweep" : "intake";
}

void Health::succeeded(Work work, core::TimePoint now) {
    track(work).failing_since.reset();
    track(work).why.clear();
    if (work == Work::sweep) {
        m_last_good_sweep = now;
    }
    if (!m_sweep.failing_since && !m_intake.failing_since) {
        m_is_stall_told = false;
    }
}

void Health::failed(Work work, core::TimePoint now, std::string why) {
    auto& failing = track(work);
    if (!failing.failing_since) {
        failing.failing_since = now;
    }
    failing.why = std::move(why);
}

bool Health::take_new_stall(core::TimePoint now) {
    if (m_is_stall_told || !is_stalled(now)) {
        return false;
    }
    m_is_stall_told = true;
    return true;
}

bool Health::is_stalled(core::TimePoint now) const {
    const auto failing_too_long = [&](const Track& track) {
        return track.failing_since && now - *track.failing_since >= m_stall_after;
    };
    return failing_too_long(m_sweep) || failing_too_long(m_intake);
}

std::optional<Health::Failing> Health::failing() const {
    const Track* oldest = nullptr;
    Work work = Work::sweep;
    for (const auto candidate : {Work::sweep, Work::intake}) {
        const Track& track = candidate == Work::sweep ? m_sweep : m_intake;
        if (track.failing_since
            && (oldest == nullptr || *track.failing_since < *oldest->failing_since)) {
            oldest = &track;
            work = candidate;
        }
    }
    if (oldest == nullptr) {
        return std::nullopt;
    }
    return Failing{work, *oldest->failing_since, oldest->why};
}

std::string Health::stalled_text(core::TimePoint now) const {
    const auto failing_now = failing();
    if (!failing_now) {
        return {};
    }
    const auto minutes =
        std::chrono::duration_cast<std::chrono::minutes>(now - failing_now->since).count();
    return fmt::format("alert=DAEMON_STALLED level=critical work={} failing_since={} "
                       "minutes={} last_good_sweep={} error=\"{}\" action=\"{}\"",
                       work_name(failing_now->work),
                       core::format_instant(failing_now->since),
                       minutes,
                       m_last_good_sweep ? core::format_instant(*m_last_good_sweep) : "never",
                       core::printable(failing_now->why),
                       "see the errors above; watchdog pings stop so systemd restarts vtrguard");
}

} // namespace vtrguard::service
