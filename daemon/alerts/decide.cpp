#include <vtrguard/alerts/carrier_conditions.hpp>
#include <vtrguard/alerts/decide.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace vtrguard::alerts {

namespace {

using carriers::Reason;

std::optional<Level> louder(std::optional<Level> level, Level floor) {
    return level ? std::max(*level, floor) : floor;
}

std::string detail_for(Condition condition, const OrderFacts& facts) {
    switch (condition) {
    case Condition::missing_tracking:
        return "no tracking number";
    case Condition::invalid_tracking:
    case Condition::carrier_mismatch:
        return fmt::format(
            "{}: {}", carriers::reason_name(facts.tracking.reason), facts.tracking.explanation);
    case Condition::duplicate_tracking:
        return duplicate_detail(facts.duplicate_of, facts.duplicates());
    case Condition::missed_ship_by:
        return "not shipped by the ship-by time";
    case Condition::carrier_not_found:
    case Condition::no_carrier_scan:
    case Condition::carrier_unreachable:
        return carrier_detail(condition, facts);
    }
    return {};
}

AlertEvent make_event(Condition condition,
                      EventKind kind,
                      Level level,
                      const OrderFacts& facts,
                      core::TimePoint now) {
    const auto& order = *facts.order;
    AlertEvent event;
    event.code = event_code(condition);
    event.kind = kind;
    event.level = level;
    event.order_id = order.order_id;
    event.condition = condition;
    event.detail = kind == EventKind::resolved ? "fixed" : detail_for(condition, facts);
    event.ship_by = order.ship_by;
    if (order.ship_by) {
        event.time_left = *order.ship_by - now;
    }
    event.tracking_number = order.tracking_number;
    event.carrier = order.carrier;
    event.action = kind == EventKind::resolved ? "nothing" : event_action(condition);
    return event;
}

// 19999 as "19,999": the count a seller reads at a glance.
std::string with_thousands(std::size_t count) {
    std::string digits = std::to_string(count);
    for (auto at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, 1, ',');
    }
    return digits;
}

} // namespace

std::string duplicate_detail(std::span<const std::string> examples, std::size_t count) {
    if (count <= examples.size()) {
        return fmt::format("also on order {}", fmt::join(examples, ", "));
    }
    if (examples.empty()) {
        return fmt::format("also on {} other orders", with_thousands(count));
    }
    return fmt::format(
        "also on {} other orders, e.g. {}", with_thousands(count), fmt::join(examples, ", "));
}

std::optional<Level> level_for(std::chrono::seconds time_left, const config::LeadTimes& lead) {
    if (time_left <= lead.critical) {
        return Level::critical;
    }
    if (time_left <= lead.error) {
        return Level::error;
    }
    if (time_left <= lead.warn) {
        return Level::warning;
    }
    return std::nullopt;
}

std::array<std::optional<Level>, k_condition_count>
conditions_now(const OrderFacts& facts, core::TimePoint now, const config::LeadTimes& lead) {
    std::array<std::optional<Level>, k_condition_count> levels{};
    const auto& order = *facts.order;
    // Carrier conditions outlive ship-confirm: a shipped parcel still needs its first scan.
    carrier_conditions(facts, now, lead, levels);
    if (!order.is_open()) {
        return levels;
    }
    std::optional<Level> by_time;
    if (order.ship_by) {
        by_time = level_for(*order.ship_by - now, lead);
    }
    const auto set = [&levels](Condition condition, std::optional<Level> level) {
        levels.at(static_cast<std::size_t>(condition)) = level;
    };
    const Reason reason = facts.tracking.reason;
    if (reason == Reason::empty) {
        set(Condition::missing_tracking, by_time);
    } else if (reason == Reason::carrier_mismatch) {
        set(Condition::carrier_mismatch, louder(by_time, Level::warning));
    } else if (reason != Reason::ok) {
        set(Condition::invalid_tracking, louder(by_time, Level::warning));
    }
    if (reason != Reason::empty && facts.duplicates() > 0) {
        set(Condition::duplicate_tracking, louder(by_time, Level::warning));
    }
    if (order.ship_by && now >= *order.ship_by) {
        set(Condition::missed_ship_by, Level::critical);
    }
    return levels;
}

std::optional<core::TimePoint>
next_threshold(const store::Order& order, core::TimePoint now, const config::LeadTimes& lead) {
    if (!order.is_open() || !order.ship_by) {
        return std::nullopt;
    }
    // Ascending: the first one after `now` is the next time the answer can change.
    const std::array<core::TimePoint, 4> thresholds{*order.ship_by - lead.warn,
                                                    *order.ship_by - lead.error,
                                                    *order.ship_by - lead.critical,
                                                    *order.ship_by};
    for (const auto threshold : thresholds) {
        if (threshold > now) {
            return threshold;
        }
    }
    return std::nullopt;
}

Decision decide(const OrderFacts& facts, core::TimePoint now, const config::LeadTimes& lead) {
    Decision decision;
    const auto levels = conditions_now(facts, now, lead);
    for (std::size_t index = 0; index < k_condition_count; ++index) {
        const auto condition = static_cast<Condition>(index);
        const auto open =
            std::find_if(facts.open_alerts.begin(),
                         facts.open_alerts.end(),
                         [condition](const auto& alert) { return alert.condition == condition; });
        const bool was_open = open != facts.open_alerts.end();
        const auto& level = levels.at(index);
        if (level && !was_open) {
            decision.events.push_back(make_event(condition, EventKind::raised, *level, facts, now));
        } else if (level && *level > open->level) {
            decision.events.push_back(
                make_event(condition, EventKind::escalated, *level, facts, now));
        } else if (!level && was_open) {
            decision.events.push_back(
                make_event(condition, EventKind::resolved, open->level, facts, now));
        }
    }
    decision.next_due = next_threshold(*facts.order, now, lead);
    if (const auto carrier_due = next_carrier_threshold(facts, now)) {
        decision.next_due =
            decision.next_due ? std::min(*decision.next_due, *carrier_due) : *carrier_due;
    }
    return decision;
}

} // namespace vtrguard::alerts
