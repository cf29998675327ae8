#pragma once

#include <vtrguard/report/history.hpp>

#include <cstddef>
#include <ostream>
#include <string>

namespace vtrguard::report {

// The most failing orders report.html lists; failing-orders.csv always has them all.
inline constexpr std::size_t k_html_failing_rows = 2000;

// `failing-orders.csv`: a header, then one row per failing order of `history` (order id,
// marketplace, category, deliver_by, ship_confirmed_at, tracking_uploaded_at, carrier,
// tracking_number, cause, first_scan_at, evidence), written to `out` as it is made. Times in
// ISO-8601 with the offset of `history.zone` (`Z` where it is zero).
void write_failing_orders_csv(const History& history, std::ostream& out);

// The same CSV as one string. Pure.
std::string failing_orders_csv(const History& history);

// `plan-of-action.md`: a draft built from `history`'s causes, ranked by count with their share
// of the shortfall, what the data shows was done and what prevents each now. Pure.
std::string plan_of_action(const History& history);

// `report.html`: one self-contained page with the daily rate chart against the threshold (one
// `circle.rate-point` per day with a rate), the causes bar chart (one `rect.cause-bar` per
// cause), the breakdown tables and the failing orders. Pure.
std::string report_html(const History& history);

// `text` with &, <, >, " and ' escaped for HTML.
std::string html_escape(std::string_view text);

} // namespace vtrguard::report
