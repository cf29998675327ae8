#include <vtrguard/alerts/event_format.hpp>
#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

alerts::AlertEvent sample() {
    alerts::AlertEvent event;
    event.code = alerts::event_code(alerts::Condition::missing_tracking);
    event.level = alerts::Level::error;
    event.order_id = "113-4567890-1234567";
    event.condition = alerts::Condition::missing_tracking;
    event.detail = "no tracking number";
    event.ship_by = core::parse_instant("2026-11-27T18:00:00Z").value();
    event.time_left = 95min;
    event.carrier = "ups";
    event.action = alerts::event_action(event.condition);
    return event;
}

} // namespace

TEST_CASE("event format: text line with the stable code first") {
    const auto line = alerts::format_text(sample());
    CHECK(line.find("alert=TRACKING_MISSING event=raised level=error order=113-4567890-1234567 "
                    "condition=missing_tracking ship_by=2026-11-27T18:00:00Z minutes_left=95 "
                    "carrier=ups tracking=\"\" detail=\"no tracking number\" action=\"")
          == 0);
}

TEST_CASE("event format: hostile values cannot break the line") {
    auto event = sample();
    event.tracking_number = "1Z\"x\ny\xff";
    const auto line = alerts::format_text(event);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find("tracking=\"1Z\\\"x?y\xEF\xBF\xBD"
                    "\"")
          != std::string::npos);
}

TEST_CASE("event format: JSON object with the documented fields") {
    auto event = sample();
    event.tracking_number = "bad\xff";
    rapidjson::Document document;
    document.Parse(alerts::format_json(event).c_str());
    REQUIRE_FALSE(document.HasParseError());
    CHECK(std::string(document["alert"].GetString()) == "TRACKING_MISSING");
    CHECK(std::string(document["level"].GetString()) == "error");
    CHECK(std::string(document["order_id"].GetString()) == "113-4567890-1234567");
    CHECK(std::string(document["ship_by"].GetString()) == "2026-11-27T18:00:00Z");
    CHECK(document["minutes_left"].GetInt() == 95);
    CHECK(document.HasMember("tracking_number"));
}

TEST_CASE("event format: spdlog levels") {
    auto event = sample();
    CHECK(alerts::log_level(event) == spdlog::level::err);
    event.level = alerts::Level::warning;
    CHECK(alerts::log_level(event) == spdlog::level::warn);
    event.level = alerts::Level::critical;
    CHECK(alerts::log_level(event) == spdlog::level::critical);
    event.kind = alerts::EventKind::resolved;
    CHECK(alerts::log_level(event) == spdlog::level::info);
}
