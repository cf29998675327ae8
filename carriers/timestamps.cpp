#include "timestamps.hpp"

#include <string>

namespace vtrguard::carriers {

namespace {

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// Howard Hinnant's days_from_civil.
long long days_from_civil(long long year, long long month, long long day) {
    year -= month <= 2 ? 1 : 0;
    const long long era = (year >= 0 ? year : year - 399) / 400;
    const long long year_of_era = year - era * 400;
    const long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long long day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

} // namespace

std::optional<UnixSeconds>
from_civil(int year, int month, int day, int hour, int minute, int second) {
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23
        || minute > 59 || second > 60 || hour < 0 || minute < 0 || second < 0) {
        return std::nullopt;
    }
    const long long days = days_from_civil(year, month, day);
    return UnixSeconds{days * 86400 + hour * 3600LL + minute * 60LL + second};
}

std::optional<UnixSeconds> parse_iso8601(std::string_view text) {
    const auto year = digits(text, 0, 4);
    const auto month = digits(text, 5, 2);
    const auto day = digits(text, 8, 2);
    if (!year || !month || !day || text.size() < 16 || text[4] != '-' || text[7] != '-'
        || (text[10] != 'T' && text[10] != ' ')) {
        return std::nullopt;
    }
    const auto hour = digits(text, 11, 2);
    const auto minute = digits(text, 14, 2);
    if (!hour || !minute || text[13] != ':') {
        return std::nullopt;
    }
    std::size_t at = 16;
    int second = 0;
    if (at < text.size() && text[at] == ':') {
        const auto parsed = digits(text, at + 1, 2);
        if (!parsed) {
            return std::nullopt;
        }
        second = *parsed;
        at += 3;
    }
    if (at < text.size() && text[at] == '.') {
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            ++at;
        }
    }
    auto base = from_civil(*year, *month, *day, *hour, *minute, second);
    if (!base || at == text.size() || text[at] == 'Z') {
        return base;
    }
    const char sign = text[at];
    if (sign != '+' && sign != '-') {
        return std::nullopt;
    }
    const auto offset_hours = digits(text, at + 1, 2);
    const std::size_t minutes_at = at + 3 < text.size() && text[at + 3] == ':' ? at + 4 : at + 3;
    const auto offset_minutes = digits(text, minutes_at, 2);
    if (!offset_hours) {
        return std::nullopt;
    }
    const long long offset = *offset_hours * 3600LL + offset_minutes.value_or(0) * 60LL;
    // Local time = UTC + offset, so UTC = local - offset.
    return *base + (sign == '+' ? -offset : offset);
}

std::optional<UnixSeconds> parse_ups_gmt(std::string_view date, std::string_view time) {
    const auto year = digits(date, 0, 4);
    const auto month = digits(date, 4, 2);
    const auto day = digits(date, 6, 2);
    if (!year || !month || !day || date.size() != 8) {
        return std::nullopt;
    }
    std::string compact;
    for (const char c : time) {
        if (c != ':') {
            compact.push_back(c);
        }
    }
    while (compact.size() < 6 && !compact.empty()) {
        compact.insert(compact.begin(), '0'); // "74700" is 07:47:00
    }
    if (compact.size() != 6) {
        return from_civil(*year, *month, *day, 0, 0, 0);
    }
    const auto hour = digits(compact, 0, 2);
    const auto minute = digits(compact, 2, 2);
    const auto second = digits(compact, 4, 2);
    if (!hour || !minute || !second) {
        return std::nullopt;
    }
    return from_civil(*year, *month, *day, *hour, *minute, *second);
}

} // namespace vtrguard::carriers
