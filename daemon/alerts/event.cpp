#include <vtrguard/alerts/event.hpp>

#include <array>

namespace vtrguard::alerts {

namespace {

struct ConditionText {
    std::string_view code;
    std::string_view action;
};

// Indexed by Condition; docs/alerts.md lists the same codes and actions.
constexpr std::array<ConditionText, k_condition_count> k_texts{{
    {"TRACKING_MISSING", "add the carrier and tracking number before the ship-by time"},
    {"TRACKING_INVALID", "re-scan or re-type the tracking number from the label"},
    {"CARRIER_MISMATCH", "declare the carrier the number belongs to, or fix the number"},
    {"TRACKING_DUPLICATE", "give each package its own label; fix the number on the wrong order"},
    {"SHIP_BY_MISSED", "ship and confirm the order now; it counts as a late shipment"},
    {"CARRIER_NOT_FOUND",
     "check the number against the label; make sure the label was not voided or replaced"},
    {"CARRIER_NO_SCAN",
     "hand the parcel to the carrier or have it picked up; check that the label is the one on the "
     "parcel"},
    {"CARRIER_UNREACHABLE",
     "check the number on the carrier's website; see the log for why the carrier could not be "
     "asked"},
}};

} // namespace

std::string_view event_code(Condition condition) {
    return k_texts.at(static_cast<std::size_t>(condition)).code;
}

std::string_view event_action(Condition condition) {
    return k_texts.at(static_cast<std::size_t>(condition)).action;
}

std::string_view kind_name(EventKind kind) {
    switch (kind) {
    case EventKind::raised:
        return "raised";
    case EventKind::escalated:
        return "escalated";
    case EventKind::resolved:
        return "resolved";
    }
    return "raised";
}

} // namespace vtrguard::alerts
