#include <vtrguard/core/time.hpp>
#include <vtrguard/core/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>

namespace vtrguard::core {

namespace {

using namespace std::chrono;

// Real zone files are a few KiB; anything far larger is not one.
constexpr std::size_t k_max_tzif_bytes = std::size_t{1} << 20;

std::int64_t unix_seconds(TimePoint time) {
    return time.time_since_epoch().count();
}

bool is_name_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/'
           || c == '_' || c == '-' || c == '+' || c == '.';
}

// An IANA name names a file under the zoneinfo folder and nothing else.
std::optional<std::string> bad_zone_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) {
        return fmt::format("\"{}\" is not a time zone name (no absolute paths or ..)", name);
    }
    if (name.size() > 255 || !std::all_of(name.begin(), name.end(), is_name_char)) {
        return fmt::format("\"{}\" is not a time zone name", name);
    }
    return std::nullopt;
}

// `+08:00`, `-0530` or `UTC+08:00`; nullopt when `text` is not an offset at all.
std::optional<Result<seconds>> as_offset(std::string_view text) {
    if (text.starts_with("UTC") && text.size() > 3) {
        text.remove_prefix(3);
    }
    if (text.empty() || (text.front() != '+' && text.front() != '-')) {
        return std::nullopt;
    }
    return parse_utc_offset(text);
}

std::string offset_digits(seconds offset) {
    const char sign = offset < seconds{0} ? '-' : '+';
    const hh_mm_ss parts{offset < seconds{0} ? -offset : offset};
    if (parts.seconds().count() != 0) {
        return fmt::format("{}{:02}:{:02}:{:02}",
                           sign,
                           parts.hours().count(),
                           parts.minutes().count(),
                           parts.seconds().count());
    }
    return fmt::format("{}{:02}:{:02}", sign, parts.hours().count(), parts.minutes().count());
}

} // namespace

TimeZone::TimeZone() = default;

TimeZone TimeZone::fixed(seconds offset) {
    TimeZone zone;
    zone.m_name = format_utc_offset(offset);
    zone.m_initial = static_cast<std::int32_t>(offset.count());
    return zone;
}

Result<TimeZone> TimeZone::load(std::string_view name, const std::filesystem::path& zoneinfo) {
    if (name == "UTC") {
        return TimeZone{};
    }
    if (auto offset = as_offset(name)) {
        if (!*offset) {
            return fail(ErrorCode::invalid_input,
                        fmt::format("\"{}\": {}", name, offset->error().message));
        }
        return fixed(**offset);
    }
    if (auto why = bad_zone_name(name)) {
        return fail(ErrorCode::invalid_input, *why);
    }
    const auto path = zoneinfo / std::string(name);
    std::ifstream in(path, std::ios::binary);
    std::error_code error;
    if (!in || std::filesystem::is_directory(path, error)) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("unknown time zone \"{}\": no file {} (write an IANA name such as "
                                "\"Asia/Shanghai\", an offset such as \"+08:00\", or \"UTC\"; "
                                "IANA names need the tzdata package)",
                                name,
                                path.string()));
    }
    std::string data(k_max_tzif_bytes + 1, '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<std::size_t>(in.gcount()));
    if (data.size() > k_max_tzif_bytes) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("time zone \"{}\": {} is too large", name, path.string()));
    }
    return from_tzif(name, data);
}

seconds TimeZone::offset_at(TimePoint time) const {
    const auto at = unix_seconds(time);
    const auto next = std::upper_bound(
        m_transitions.begin(), m_transitions.end(), at, [](std::int64_t value, const auto& t) {
            return value < t.at;
        });
    return seconds{next == m_transitions.begin() ? m_initial : std::prev(next)->offset};
}

sys_days TimeZone::local_day(TimePoint time) const {
    return floor<days>(time + offset_at(time));
}

TimePoint TimeZone::day_start(sys_days day) const {
    const TimePoint midnight{day};
    // The offset at local midnight, found from the offset near it; twice settles a switch.
    TimePoint start = midnight - offset_at(midnight);
    start = midnight - offset_at(start);
    if (local_day(start) < day) {
        // Midnight was skipped by a switch: the day starts with the switch.
        const auto next =
            std::upper_bound(m_transitions.begin(),
                             m_transitions.end(),
                             unix_seconds(start),
                             [](std::int64_t value, const auto& t) { return value < t.at; });
        if (next != m_transitions.end()) {
            start = TimePoint{seconds{next->at}};
        }
    }
    return start;
}

TimePoint TimeZone::day_start(TimePoint time) const {
    return day_start(local_day(time));
}

std::string TimeZone::describe(TimePoint from, TimePoint to) const {
    std::vector<seconds> offsets{offset_at(from)};
    for (const auto& transition : m_transitions) {
        if (transition.at > unix_seconds(from) && transition.at < unix_seconds(to)
            && std::find(offsets.begin(), offsets.end(), seconds{transition.offset})
                   == offsets.end()) {
            offsets.emplace_back(transition.offset);
        }
    }
    if (m_transitions.empty() && m_name == format_utc_offset(offsets.front())) {
        return m_name; // UTC, UTC+08:00: the name says it all
    }
    std::string text = m_name + " (";
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        text += (i == 0 ? "" : ", ") + format_utc_offset(offsets[i]);
    }
    return text + ")";
}

std::string format_utc_offset(seconds offset) {
    return offset == seconds{0} ? std::string("UTC") : "UTC" + offset_digits(offset);
}

std::string format_date(TimePoint time, const TimeZone& zone) {
    const year_month_day date{zone.local_day(time)};
    return fmt::format("{:04}-{:02}-{:02}",
                       static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

std::string format_instant(TimePoint time, const TimeZone& zone) {
    const auto offset = zone.offset_at(time);
    if (offset == seconds{0}) {
        return format_instant(time);
    }
    // The local clock reading, spelled as UTC, then the offset instead of the Z.
    auto text = format_instant(time + offset);
    text.pop_back();
    return text + offset_digits(offset);
}

} // namespace vtrguard::core
