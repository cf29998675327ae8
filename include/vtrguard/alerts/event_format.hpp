#pragma once

#include <vtrguard/alerts/event.hpp>

#include <spdlog/common.h>

#include <string>

namespace vtrguard::alerts {

// One log line, key=value pairs with a stable order and the stable code first:
// `alert=TRACKING_MISSING event=raised level=error order=113-… condition=missing_tracking
// ship_by=2026-11-27T18:00:00Z minutes_left=95 carrier=ups tracking=… detail="…" action="…"`.
// Values with spaces or quotes are quoted; control characters and invalid UTF-8 never get
// through. Pure.
std::string format_text(const AlertEvent& event);

// The same event as one JSON object on one line: alert, event, level, order_id, condition,
// ship_by, minutes_left, tracking_number, carrier, detail, action. Pure.
std::string format_json(const AlertEvent& event);

// The spdlog level to log `event` at: warn, err or critical by its level; info when resolved.
spdlog::level::level_enum log_level(const AlertEvent& event);

} // namespace vtrguard::alerts
