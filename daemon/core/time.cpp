#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>

namespace vtrguard::core {

namespace {

// Reads exactly `width` digits at `pos`; advances `pos` on success.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t width, int& value) {
    if (pos + width > text.size()) {
        return false;
    }
    int result = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        result = result * 10 + (text[i] - '0');
    }
    value = result;
    pos += width;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char wanted) {
    if (pos < text.size() && text[pos] == wanted) {
        ++pos;
        return true;
    }
    return false;
}

Result<std::chrono::sys_days> read_date(std::string_view text, std::size_t& pos) {
    int year = 0;
    int month = 0;
    int day = 0;
    if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-')
        || !read_digits(text, pos, 2, month) || !expect(text, pos, '-')
        || !read_digits(text, pos, 2, day)) {
        return fail(ErrorCode::invalid_input, "not an ISO-8601 date (YYYY-MM-DD)");
    }
    if (year < k_min_year || year > k_max_year) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("year {} is outside {}..{}", year, k_min_year, k_max_year));
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return fail(ErrorCode::invalid_input, "no such day in the calendar");
    }
    return std::chrono::sys_days{date};
}

Result<std::chrono::seconds> read_clock_time(std::string_view text, std::size_t& pos) {
    int hours = 0;
    int minutes = 0;
    int seconds = 0;
    if (!read_digits(text, pos, 2, hours) || !expect(text, pos, ':')
        || !read_digits(text, pos, 2, minutes)) {
        return fail(ErrorCode::invalid_input, "not an ISO-8601 time (HH:MM[:SS])");
    }
    if (expect(text, pos, ':') && !read_digits(text, pos, 2, seconds)) {
        return fail(ErrorCode::invalid_input, "not an ISO-8601 time (HH:MM:SS)");
    }
    if (expect(text, pos, '.') || expect(text, pos, ',')) {
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
        if (pos == start) {
            return fail(ErrorCode::invalid_input, "a decimal point without digits");
        }
    }
    // 60 seconds is a leap second; it folds into the next minute like other libraries do.
    if (hours > 23 || minutes > 59 || seconds > 60) {
        return fail(ErrorCode::invalid_input, "hour, minute or second out of range");
    }
    return std::chrono::hours{hours} + std::chrono::minutes{minutes}
           + std::chrono::seconds{seconds};
}

Result<std::chrono::seconds> read_zone(std::string_view text, std::size_t& pos) {
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
        return std::chrono::seconds{0};
    }
    if (pos >= text.size()) {
        return fail(ErrorCode::invalid_input, "no time zone (add Z or an offset like +00:00)");
    }
    const char sign = text[pos];
    if (sign != '+' && sign != '-') {
        return fail(ErrorCode::invalid_input, "bad time zone (want Z or +HH:MM)");
    }
    ++pos;
    int hours = 0;
    int minutes = 0;
    if (!read_digits(text, pos, 2, hours)) {
        return fail(ErrorCode::invalid_input, "bad time zone offset (want +HH:MM)");
    }
    expect(text, pos, ':');
    if (pos < text.size() && !read_digits(text, pos, 2, minutes)) {
        return fail(ErrorCode::invalid_input, "bad time zone offset (want +HH:MM)");
    }
    if (hours > 18 || minutes > 59) {
        return fail(ErrorCode::invalid_input, "time zone offset out of range");
    }
    const std::chrono::seconds offset = std::chrono::hours{hours} + std::chrono::minutes{minutes};
    return sign == '+' ? offset : -offset;
}

struct Unit {
    char symbol;
    std::chrono::seconds size;
};

constexpr std::array<Unit, 4> k_units{{{'d', std::chrono::seconds{86400}},
                                       {'h', std::chrono::seconds{3600}},
                                       {'m', std::chrono::seconds{60}},
                                       {'s', std::chrono::seconds{1}}}};

} // namespace

Result<TimePoint> parse_instant(std::string_view raw) {
    const std::string_view text = core::trim_blanks(raw);
    std::size_t pos = 0;
    auto date = read_date(text, pos);
    if (!date) {
        return tl::unexpected(date.error());
    }
    if (pos == text.size()) {
        return TimePoint{*date};
    }
    if (!expect(text, pos, 'T') && !expect(text, pos, 't') && !expect(text, pos, ' ')) {
        return fail(ErrorCode::invalid_input, "unexpected text after the date");
    }
    auto time = read_clock_time(text, pos);
    if (!time) {
        return tl::unexpected(time.error());
    }
    auto offset = read_zone(text, pos);
    if (!offset) {
        return tl::unexpected(offset.error());
    }
    if (pos != text.size()) {
        return fail(ErrorCode::invalid_input, "unexpected text after the time zone");
    }
    return TimePoint{*date} + *time - *offset;
}

Result<std::chrono::seconds> parse_utc_offset(std::string_view text) {
    std::size_t pos = 0;
    auto offset = read_zone(text, pos);
    if (offset && pos != text.size()) {
        return fail(ErrorCode::invalid_input, "unexpected text after the offset");
    }
    return offset;
}

std::string format_instant(TimePoint time) {
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss clock{time - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                       static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()),
                       clock.hours().count(),
                       clock.minutes().count(),
                       clock.seconds().count());
}

Result<std::chrono::seconds> parse_duration(std::string_view raw) {
    const std::string_view text = core::trim_blanks(raw);
    if (text.empty()) {
        return fail(ErrorCode::invalid_input, "empty duration (write e.g. 24h, 90m, 30s, 7d)");
    }
    std::chrono::seconds total{0};
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::int64_t amount = 0;
        const auto [end, error] =
            std::from_chars(text.data() + pos, text.data() + text.size(), amount);
        if (error != std::errc{} || end == text.data() + pos) {
            return fail(
                ErrorCode::invalid_input,
                fmt::format("\"{}\" is not a duration (write e.g. 24h, 90m, 30s, 7d)", text));
        }
        pos = static_cast<std::size_t>(end - text.data());
        if (amount < 0 || amount > 100000) {
            return fail(ErrorCode::invalid_input, fmt::format("\"{}\" is out of range", text));
        }
        if (pos == text.size()) {
            return fail(ErrorCode::invalid_input,
                        fmt::format("\"{}\" has no unit (d, h, m or s)", text));
        }
        const char symbol = text[pos++];
        const Unit* unit = nullptr;
        for (const auto& candidate : k_units) {
            unit = candidate.symbol == symbol ? &candidate : unit;
        }
        if (unit == nullptr) {
            return fail(ErrorCode::invalid_input,
                        fmt::format("\"{}\": unknown unit '{}' (d, h, m or s)", text, symbol));
        }
        total += unit->size * amount;
    }
    return total;
}

std::string format_duration(std::chrono::seconds duration) {
    if (duration.count() == 0) {
        return "0s";
    }
    std::string text;
    auto left = duration;
    for (const auto& unit : k_units) {
        const auto count = left / unit.size;
        if (count > 0) {
            text += fmt::format("{}{}", count, unit.symbol);
            left -= unit.size * count;
        }
    }
    return text;
}

} // namespace vtrguard::core
