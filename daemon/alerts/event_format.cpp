#include <vtrguard/alerts/event_format.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

namespace vtrguard::alerts {

namespace {

bool needs_quotes(std::string_view text) {
    return text.empty() || text.find_first_of(" \"=\\") != std::string_view::npos;
}

void append_value(std::string& out, std::string_view key, std::string_view raw) {
    const std::string text = core::printable(raw);
    fmt::format_to(std::back_inserter(out), " {}=", key);
    if (!needs_quotes(text)) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

std::string ship_by_text(const AlertEvent& event) {
    return event.ship_by ? core::format_instant(*event.ship_by) : std::string();
}

std::optional<std::int64_t> minutes_left(const AlertEvent& event) {
    if (!event.time_left) {
        return std::nullopt;
    }
    return std::chrono::duration_cast<std::chrono::minutes>(*event.time_left).count();
}

void append_json_field(std::string& out, std::string_view key, std::string_view value) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":", key);
    core::append_json_string(out, value);
}

} // namespace

std::string format_text(const AlertEvent& event) {
    std::string out;
    fmt::format_to(std::back_inserter(out),
                   "alert={} event={} level={}",
                   event.code,
                   kind_name(event.kind),
                   level_name(event.level));
    append_value(out, "order", event.order_id);
    fmt::format_to(std::back_inserter(out), " condition={}", condition_name(event.condition));
    if (event.ship_by) {
        fmt::format_to(std::back_inserter(out), " ship_by={}", ship_by_text(event));
    }
    if (const auto minutes = minutes_left(event)) {
        fmt::format_to(std::back_inserter(out), " minutes_left={}", *minutes);
    }
    append_value(out, "carrier", event.carrier);
    append_value(out, "tracking", event.tracking_number);
    append_value(out, "detail", event.detail);
    append_value(out, "action", event.action);
    return out;
}

std::string format_json(const AlertEvent& event) {
    std::string out;
    out.append(std::string_view("{\"alert\":"));
    core::append_json_string(out, event.code);
    append_json_field(out, "event", kind_name(event.kind));
    append_json_field(out, "level", level_name(event.level));
    append_json_field(out, "order_id", event.order_id);
    append_json_field(out, "condition", condition_name(event.condition));
    if (event.ship_by) {
        append_json_field(out, "ship_by", ship_by_text(event));
    } else {
        out.append(std::string_view(",\"ship_by\":null"));
    }
    if (const auto minutes = minutes_left(event)) {
        fmt::format_to(std::back_inserter(out), ",\"minutes_left\":{}", *minutes);
    } else {
        out.append(std::string_view(",\"minutes_left\":null"));
    }
    append_json_field(out, "tracking_number", event.tracking_number);
    append_json_field(out, "carrier", event.carrier);
    append_json_field(out, "detail", event.detail);
    append_json_field(out, "action", event.action);
    out.push_back('}');
    return out;
}

spdlog::level::level_enum log_level(const AlertEvent& event) {
    if (event.kind == EventKind::resolved) {
        return spdlog::level::info;
    }
    switch (event.level) {
    case Level::warning:
        return spdlog::level::warn;
    case Level::error:
        return spdlog::level::err;
    case Level::critical:
        return spdlog::level::critical;
    }
    return spdlog::level::warn;
}

} // namespace vtrguard::alerts
