// The TZif reader behind TimeZone::from_tzif: RFC 8536 data blocks and the footer's POSIX TZ
// rule. GCC 12's libstdc++ has no std::chrono::locate_zone, so vtrguard reads the files itself.
#include <vtrguard/core/time_zone.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace vtrguard::core {

namespace {

using namespace std::chrono;

constexpr std::size_t k_header_size = 44;
// RFC 8536 bounds a UT offset to (-25 h, +26 h).
constexpr std::int64_t k_max_offset = 26 * 3600;
// Transitions are computed from the footer rule up to this year; orders end in 2100.
constexpr int k_last_rule_year = 2100;

struct Counts {
    std::uint32_t isut = 0;
    std::uint32_t isstd = 0;
    std::uint32_t leap = 0;
    std::uint32_t time = 0;
    std::uint32_t type = 0;
    std::uint32_t chars = 0;
};

std::uint64_t big_endian(std::string_view data, std::size_t pos, std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        value = (value << 8U) | static_cast<unsigned char>(data[pos + i]);
    }
    return value;
}

std::int64_t signed_at(std::string_view data, std::size_t pos, std::size_t width) {
    const auto raw = big_endian(data, pos, width);
    if (width == 4) {
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(raw));
    }
    return static_cast<std::int64_t>(raw);
}

std::optional<Counts> read_header(std::string_view data, std::size_t pos) {
    if (data.size() < pos + k_header_size || data.substr(pos, 4) != "TZif") {
        return std::nullopt;
    }
    const auto count = [&](std::size_t field) {
        return static_cast<std::uint32_t>(big_endian(data, pos + 20 + 4 * field, 4));
    };
    return Counts{count(0), count(1), count(2), count(3), count(4), count(5)};
}

// The bytes of the data block after a header; `width` is 4 (version 1) or 8.
std::size_t block_size(const Counts& counts, std::size_t width) {
    return std::size_t{counts.time} * (width + 1) + std::size_t{counts.type} * 6 + counts.chars
           + std::size_t{counts.leap} * (width + 4) + counts.isstd + counts.isut;
}

// ---- the POSIX TZ rule of the footer (`CET-1CEST,M3.5.0,M10.5.0/3`) ----

class RuleReader {
public:
    explicit RuleReader(std::string_view text)
        : m_text(text) {}

    bool at_end() const { return m_pos == m_text.size(); }

    bool accept(char wanted) {
        if (m_pos < m_text.size() && m_text[m_pos] == wanted) {
            ++m_pos;
            return true;
        }
        return false;
    }

    // A zone abbreviation: `CET` or `<+08>`.
    bool name() {
        const std::size_t start = m_pos;
        if (accept('<')) {
            while (m_pos < m_text.size() && m_text[m_pos] != '>') {
                ++m_pos;
            }
            return accept('>') && m_pos - start > 2;
        }
        while (m_pos < m_text.size() && is_letter(m_text[m_pos])) {
            ++m_pos;
        }
        return m_pos - start >= 3;
    }

    bool has_digit_or_sign() const {
        return m_pos < m_text.size()
               && (is_digit(m_text[m_pos]) || m_text[m_pos] == '+' || m_text[m_pos] == '-');
    }

    // `[+-]hh[:mm[:ss]]` in seconds; hours up to 167 (RFC 8536 §3.3.1 allows it for rule times).
    std::optional<std::int64_t> clock() {
        std::int64_t sign = 1;
        if (accept('-')) {
            sign = -1;
        } else {
            accept('+');
        }
        auto hours = number(0, 167);
        if (!hours) {
            return std::nullopt;
        }
        std::int64_t seconds = *hours * 3600;
        if (accept(':')) {
            const auto minutes = number(0, 59);
            if (!minutes) {
                return std::nullopt;
            }
            seconds += *minutes * 60;
            if (accept(':')) {
                const auto secs = number(0, 59);
                if (!secs) {
                    return std::nullopt;
                }
                seconds += *secs;
            }
        }
        return sign * seconds;
    }

    std::optional<std::int64_t> number(std::int64_t least, std::int64_t most) {
        const std::size_t start = m_pos;
        std::int64_t value = 0;
        while (m_pos < m_text.size() && is_digit(m_text[m_pos]) && m_pos - start < 4) {
            value = value * 10 + (m_text[m_pos] - '0');
            ++m_pos;
        }
        if (m_pos == start || value < least || value > most) {
            return std::nullopt;
        }
        return value;
    }

private:
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    static bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

// When in a year a switch happens: `Mm.w.d`, `Jn` or `n`, at local `time`.
struct SwitchDate {
    char kind = 'M'; // 'M', 'J' or 'n'
    int month = 0;
    int week = 0;
    int weekday = 0;
    int day = 0;
    std::int64_t time = 2 * 3600;

    sys_days in(int year) const {
        const std::chrono::year y{year};
        if (kind == 'J') {
            // 1..365, February 29 never counted.
            const int leap_shift = y.is_leap() && day >= 60 ? 1 : 0;
            return sys_days{y / January / 1} + days{day - 1 + leap_shift};
        }
        if (kind == 'n') {
            return sys_days{y / January / 1} + days{day};
        }
        const auto first = sys_days{y / std::chrono::month(static_cast<unsigned>(month)) / 1};
        const auto to_weekday =
            (std::chrono::weekday(static_cast<unsigned>(weekday)) - std::chrono::weekday{first})
                .count();
        auto date = first + days{static_cast<int>(to_weekday) + 7 * (week - 1)};
        const auto last =
            sys_days{y / std::chrono::month(static_cast<unsigned>(month)) / std::chrono::last};
        while (date > last) {
            date -= days{7};
        }
        return date;
    }
};

std::optional<SwitchDate> read_switch(RuleReader& reader) {
    SwitchDate when;
    if (reader.accept('M')) {
        const auto month = reader.number(1, 12);
        const auto week = month && reader.accept('.') ? reader.number(1, 5) : std::nullopt;
        const auto weekday = week && reader.accept('.') ? reader.number(0, 6) : std::nullopt;
        if (!weekday) {
            return std::nullopt;
        }
        when.month = static_cast<int>(*month);
        when.week = static_cast<int>(*week);
        when.weekday = static_cast<int>(*weekday);
    } else {
        when.kind = reader.accept('J') ? 'J' : 'n';
        const auto day = when.kind == 'J' ? reader.number(1, 365) : reader.number(0, 365);
        if (!day) {
            return std::nullopt;
        }
        when.day = static_cast<int>(*day);
    }
    if (reader.accept('/')) {
        const auto time = reader.clock();
        if (!time) {
            return std::nullopt;
        }
        when.time = *time;
    }
    return when;
}

struct Rule {
    std::int64_t standard = 0; // seconds east of UTC
    std::optional<std::int64_t> daylight;
    SwitchDate start; // to daylight time, in standard local time
    SwitchDate end;   // back to standard time, in daylight local time
};

std::optional<Rule> read_rule(std::string_view text) {
    RuleReader reader(text);
    Rule rule;
    const auto standard = reader.name() ? reader.clock() : std::nullopt;
    if (!standard) {
        return std::nullopt;
    }
    // POSIX counts offsets west of Greenwich as positive.
    rule.standard = -*standard;
    if (reader.at_end()) {
        return rule;
    }
    if (!reader.name()) {
        return std::nullopt;
    }
    rule.daylight = rule.standard + 3600;
    if (reader.has_digit_or_sign()) {
        const auto daylight = reader.clock();
        if (!daylight) {
            return std::nullopt;
        }
        rule.daylight = -*daylight;
    }
    // Without dates POSIX leaves the switch to the implementation; TZif footers always have them.
    std::optional<SwitchDate> start;
    std::optional<SwitchDate> end;
    if (reader.accept(',')) {
        start = read_switch(reader);
        end = start && reader.accept(',') ? read_switch(reader) : std::nullopt;
    }
    if (!end || !reader.at_end()) {
        return std::nullopt;
    }
    rule.start = *start;
    rule.end = *end;
    return rule;
}

// Appends the rule's switches after the last transition, up to k_last_rule_year.
void extend_with_rule(const Rule& rule,
                      std::int32_t initial,
                      std::vector<TimeZone::Transition>& transitions) {
    if (!rule.daylight) {
        return; // the last transition's offset holds on (RFC 8536 §3.3 keeps them consistent)
    }
    const std::int64_t after = transitions.empty() ? INT64_MIN : transitions.back().at;
    const auto first_year =
        transitions.empty()
            ? 1970
            : static_cast<int>(year_month_day{floor<days>(sys_seconds{seconds{after}})}.year());
    std::int32_t previous = transitions.empty() ? initial : transitions.back().offset;
    for (int year = first_year; year <= k_last_rule_year; ++year) {
        const auto local_seconds = [year](const SwitchDate& when) {
            return duration_cast<seconds>(when.in(year).time_since_epoch()).count() + when.time;
        };
        std::array<TimeZone::Transition, 2> pair{{
            {local_seconds(rule.start) - rule.standard, static_cast<std::int32_t>(*rule.daylight)},
            {local_seconds(rule.end) - *rule.daylight, static_cast<std::int32_t>(rule.standard)},
        }};
        std::sort(
            pair.begin(), pair.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
        for (const auto& transition : pair) {
            if (transition.at > after && transition.offset != previous) {
                transitions.push_back(transition);
                previous = transition.offset;
            }
        }
    }
}

} // namespace

Result<TimeZone> TimeZone::from_tzif(std::string_view name, std::string_view data) {
    const auto bad = [name](std::string_view why) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("time zone \"{}\": not a valid TZif file ({})", name, why));
    };
    auto counts = read_header(data, 0);
    if (!counts) {
        return bad("no TZif header");
    }
    const char version = data[4];
    std::size_t pos = k_header_size;
    std::size_t width = 4;
    if (version != '\0') {
        // Skip the 32-bit block; the 64-bit one after the second header covers all times.
        pos += block_size(*counts, 4);
        counts = read_header(data, pos);
        if (!counts) {
            return bad("no second header");
        }
        pos += k_header_size;
        width = 8;
    }
    if (counts->type == 0 || data.size() < pos + block_size(*counts, width)) {
        return bad("truncated");
    }
    const std::size_t types_at = pos + std::size_t{counts->time} * (width + 1);
    std::vector<std::int32_t> offsets;
    for (std::size_t i = 0; i < counts->type; ++i) {
        const auto offset = signed_at(data, types_at + 6 * i, 4);
        if (offset <= -k_max_offset || offset >= k_max_offset) {
            return bad("offset out of range");
        }
        offsets.push_back(static_cast<std::int32_t>(offset));
    }
    TimeZone zone;
    zone.m_name = std::string(name);
    // RFC 8536 §3.2: local time type 0 applies before the first transition.
    zone.m_initial = offsets.front();
    for (std::size_t i = 0; i < counts->time; ++i) {
        const auto at = signed_at(data, pos + width * i, width);
        const auto type = static_cast<unsigned char>(data[pos + width * counts->time + i]);
        if (type >= offsets.size()) {
            return bad("transition to an unknown type");
        }
        if (!zone.m_transitions.empty() && at <= zone.m_transitions.back().at) {
            return bad("transitions out of order");
        }
        zone.m_transitions.push_back({at, offsets[type]});
    }
    if (width == 8) {
        const std::size_t footer = pos + block_size(*counts, width);
        const auto end = data.find('\n', footer + 1);
        if (footer >= data.size() || data[footer] != '\n' || end == std::string_view::npos) {
            return bad("no footer");
        }
        const auto text = data.substr(footer + 1, end - footer - 1);
        if (!text.empty()) {
            const auto rule = read_rule(text);
            if (!rule) {
                return bad(fmt::format("footer rule \"{}\" not understood", text));
            }
            extend_with_rule(*rule, zone.m_initial, zone.m_transitions);
        }
    }
    return zone;
}

} // namespace vtrguard::core
