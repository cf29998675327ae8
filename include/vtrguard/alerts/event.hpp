#pragma once

#include <vtrguard/alerts/condition.hpp>
#include <vtrguard/core/clock.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vtrguard::alerts {

enum class EventKind : std::uint8_t { raised, escalated, resolved };

// One thing the operator should hear about (docs/alerts.md).
struct AlertEvent {
    std::string_view code; // stable: TRACKING_MISSING, SHIP_BY_MISSED, …
    EventKind kind = EventKind::raised;
    Level level = Level::warning; // for `resolved`, the level the alert had
    std::string order_id;
    Condition condition = Condition::missing_tracking;
    std::string detail; // why: the engine's reason, the other order holding the number, …
    std::optional<core::TimePoint> ship_by;
    std::optional<std::chrono::seconds> time_left; // until ship-by; negative once past
    std::string tracking_number;
    std::string carrier;
    std::string_view action; // what to do, one sentence
};

// The stable code of alerts about `condition`.
std::string_view event_code(Condition condition);

// What the operator should do about `condition`.
std::string_view event_action(Condition condition);

// `raised`, `escalated`, `resolved`.
std::string_view kind_name(EventKind kind);

} // namespace vtrguard::alerts
