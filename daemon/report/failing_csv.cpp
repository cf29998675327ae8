#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/evidence_pack.hpp>

#include <sstream>

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
    core::append_spreadsheet_cell(out, text);
}

} // namespace

void write_failing_orders_csv(const History& history, std::ostream& out) {
    // Rows go out in blocks: the CSV of a bad quarter is megabytes, never held whole.
    constexpr std::size_t k_block = std::size_t{64} << 10U;
    std::string block = "order_id,marketplace,category,deliver_by,ship_confirmed_at,"
                        "tracking_uploaded_at,carrier,tracking_number,cause,first_scan_at,"
                        "evidence\r\n";
    block.reserve(k_block + 4096);
    for (const auto& failing : history.failing) {
        const auto& shipment = failing.shipment;
        core::append_spreadsheet_cell(block, shipment.order_id);
        add_text(block, shipment.marketplace);
        add_text(block, shipment.category);
        add_time(block, shipment.deliver_by, history.zone);
        add_time(block, shipment.ship_confirmed_at, history.zone);
        add_time(block, shipment.tracking_uploaded_at, history.zone);
        add_text(block, shipment.carrier);
        add_text(block, shipment.tracking_number);
        add_text(block, cause_name(failing.cause));
        add_time(block, shipment.first_scan_at, history.zone);
        add_text(block, failing.evidence);
        block.append("\r\n");
        if (block.size() >= k_block) {
            out.write(block.data(), static_cast<std::streamsize>(block.size()));
            block.clear();
        }
    }
    out.write(block.data(), static_cast<std::streamsize>(block.size()));
}

std::string failing_orders_csv(const History& history) {
    std::ostringstream out;
    write_failing_orders_csv(history, out);
    return std::move(out).str();
}

} // namespace vtrguard::report
