#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/evidence_pack.hpp>

namespace vtrguard::report {

namespace {

void add_time(std::string& out,
              const std::optional<core::TimePoint>& time,
              const core::TimeZone& zone) {
    out.push_back(',');
    if (time) {
        out.append(core::format_instant(*time, zone));
    }
}

void add_text(std::string& out, std::string_view text) {
    out.push_back(',');
    core::append_csv_field(out, text);
}

} // namespace

std::string failing_orders_csv(const History& history, std::span<const Shipment> shipments) {
    std::string out = "order_id,marketplace,category,deliver_by,ship_confirmed_at,"
                      "tracking_uploaded_at,carrier,tracking_number,cause,first_scan_at,"
                      "evidence\r\n";
    out.reserve(out.size() + history.failing.size() * 200);
    for (const auto& failing : history.failing) {
        const auto& shipment = shipments[failing.index];
        core::append_csv_field(out, shipment.order_id);
        add_text(out, shipment.marketplace);
        add_text(out, shipment.category);
        add_time(out, shipment.deliver_by, history.zone);
        add_time(out, shipment.ship_confirmed_at, history.zone);
        add_time(out, shipment.tracking_uploaded_at, history.zone);
        add_text(out, shipment.carrier);
        add_text(out, shipment.tracking_number);
        add_text(out, cause_name(failing.cause));
        add_time(out, shipment.first_scan_at, history.zone);
        add_text(out, failing.evidence);
        out.append("\r\n");
    }
    return out;
}

} // namespace vtrguard::report
