#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/evidence_pack.hpp>
#include <vtrguard/report/vtr_format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace vtrguard::report {

namespace {

constexpr double k_chart_width = 800;
constexpr double k_chart_height = 260;
constexpr double k_margin = 40;

constexpr std::string_view k_style = R"css(
body{font-family:sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin-bottom:1.5em}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}
.below{color:#b00;font-weight:bold}
svg text{font-size:11px}
)css";

// The rate range the chart shows: from a little under the lowest point to 100 %.
double chart_floor(const History& history) {
    double lowest = history.threshold;
    for (const auto& day : history.days) {
        if (const auto rate = day.window.rate()) {
            lowest = std::min(lowest, *rate);
        }
    }
    return std::max(0.0, std::floor(lowest / 5.0) * 5.0 - 5.0);
}

void append_rate_chart(std::string& out, const History& history) {
    auto it = std::back_inserter(out);
    const double floor = chart_floor(history);
    const double plot_w = k_chart_width - 2 * k_margin;
    const double plot_h = k_chart_height - 2 * k_margin;
    const auto x_of = [&](std::size_t day) {
        const double span = static_cast<double>(std::max<std::size_t>(1, history.days.size() - 1));
        return k_margin + plot_w * static_cast<double>(day) / span;
    };
    const auto y_of = [&](double rate) {
        return k_margin + plot_h * (100.0 - rate) / (100.0 - floor);
    };
    fmt::format_to(it,
                   "<svg id=\"rate-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
                   "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\">\n"
                   "<rect x=\"{2}\" y=\"{2}\" width=\"{3}\" height=\"{4}\" fill=\"#fafafa\" "
                   "stroke=\"#ccc\"/>\n",
                   k_chart_width,
                   k_chart_height,
                   k_margin,
                   plot_w,
                   plot_h);
    for (const double rate : {floor, history.threshold, 100.0}) {
        fmt::format_to(it, "<text x=\"2\" y=\"{:.1f}\">{:.0f}%</text>\n", y_of(rate) + 4, rate);
    }
    fmt::format_to(it,
                   "<line class=\"threshold\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" "
                   "stroke=\"#b00\" stroke-dasharray=\"6 4\"/>\n",
                   k_margin,
                   k_margin + plot_w,
                   y_of(history.threshold));
    std::string points;
    std::string circles;
    for (std::size_t d = 0; d < history.days.size(); ++d) {
        const auto rate = history.days[d].window.rate();
        if (!rate) {
            continue;
        }
        fmt::format_to(std::back_inserter(points), "{:.1f},{:.1f} ", x_of(d), y_of(*rate));
        fmt::format_to(std::back_inserter(circles),
                       "<circle class=\"rate-point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" "
                       "fill=\"{}\"><title>{}: {:.2f}%</title></circle>\n",
                       x_of(d),
                       y_of(*rate),
                       *rate < history.threshold ? "#b00" : "#06c",
                       core::format_date(history.days[d].day, history.zone),
                       *rate);
    }
    fmt::format_to(it,
                   "<polyline class=\"rate-line\" fill=\"none\" stroke=\"#06c\" "
                   "points=\"{}\"/>\n{}",
                   points,
                   circles);
    if (!history.days.empty()) {
        fmt::format_to(it,
                       "<text x=\"{}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" "
                       "text-anchor=\"end\">{}</text>\n",
                       k_margin,
                       k_chart_height - 12,
                       core::format_date(history.days.front().day, history.zone),
                       k_margin + plot_w,
                       k_chart_height - 12,
                       core::format_date(history.days.back().day, history.zone));
    }
    out.append("</svg>\n");
}

void append_cause_chart(std::string& out, const History& history) {
    auto it = std::back_inserter(out);
    constexpr double k_bar_h = 22;
    constexpr double k_label_w = 220;
    const double height = k_bar_h * static_cast<double>(history.causes.size()) + 10;
    fmt::format_to(it,
                   "<svg id=\"cause-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
                   "height=\"{1}\" viewBox=\"0 0 {0} {1}\">\n",
                   k_chart_width,
                   height);
    const double most =
        history.causes.empty() ? 1.0 : static_cast<double>(history.causes.front().count);
    double y = 5;
    for (const auto& cause : history.causes) {
        const double width =
            (k_chart_width - k_label_w - 80) * static_cast<double>(cause.count) / most;
        fmt::format_to(it,
                       "<text x=\"0\" y=\"{0:.1f}\">{1}</text>"
                       "<rect class=\"cause-bar\" data-cause=\"{2}\" x=\"{3}\" y=\"{4:.1f}\" "
                       "width=\"{5:.1f}\" height=\"{6}\" fill=\"#c60\"/>"
                       "<text x=\"{7:.1f}\" y=\"{0:.1f}\">{8}</text>\n",
                       y + 15,
                       html_escape(cause_label(cause.cause)),
                       cause_name(cause.cause),
                       k_label_w,
                       y + 3,
                       std::max(1.0, width),
                       k_bar_h - 6,
                       k_label_w + width + 6,
                       cause.count);
        y += k_bar_h;
    }
    out.append("</svg>\n");
}

void append_table(std::string& out,
                  std::string_view title,
                  const std::vector<Breakdown>& lines,
                  double threshold) {
    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "<table class=\"breakdown\"><tr><th>{}</th><th>total</th><th>valid</th>"
                   "<th>not valid</th><th>pending</th><th>exempt</th><th>rate %</th></tr>\n",
                   html_escape(title));
    for (const auto& line : lines) {
        const auto rate = line.counts.rate();
        fmt::format_to(it,
                       "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td{}>{}</td></tr>\n",
                       html_escape(line.name),
                       line.counts.total,
                       line.counts.valid,
                       line.counts.not_valid,
                       line.counts.pending,
                       line.counts.exempt,
                       rate && *rate < threshold ? " class=\"below\"" : "",
                       percent_text(rate, "-"));
    }
    out.append("</table>\n");
}

std::string time_cell(const std::optional<core::TimePoint>& time, const core::TimeZone& zone) {
    return time ? core::format_instant(*time, zone) : std::string();
}

void append_failing(std::string& out, const History& history) {
    auto it = std::back_inserter(out);
    const auto shown = std::min(history.failing.size(), k_html_failing_rows);
    fmt::format_to(it,
                   "<h2>Failing orders</h2>\n<p>{} orders without valid tracking{}.</p>\n"
                   "<table id=\"failing\"><tr><th>order</th><th>deliver by</th>"
                   "<th>ship-confirmed</th><th>carrier</th><th>tracking number</th>"
                   "<th>cause</th><th>first scan</th></tr>\n",
                   history.failing.size(),
                   shown < history.failing.size() ? fmt::format(
                       "; the first {} are listed here, failing-orders.csv has all {} "
                       "with the evidence",
                       shown,
                       history.failing.size())
                                                  : std::string());
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& failing = history.failing[i];
        const auto& shipment = failing.shipment;
        fmt::format_to(it,
                       "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td title=\"{}\">{}</td><td>{}</td></tr>\n",
                       html_escape(shipment.order_id),
                       time_cell(shipment.deliver_by, history.zone),
                       time_cell(shipment.ship_confirmed_at, history.zone),
                       html_escape(shipment.carrier),
                       html_escape(shipment.tracking_number),
                       html_escape(failing.evidence),
                       cause_name(failing.cause),
                       time_cell(shipment.first_scan_at, history.zone));
    }
    out.append("</table>\n");
}

} // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out.append("&amp;");
            break;
        case '<':
            out.append("&lt;");
            break;
        case '>':
            out.append("&gt;");
            break;
        case '"':
            out.append("&quot;");
            break;
        case '\'':
            out.append("&#39;");
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

std::string report_html(const History& history) {
    std::string out;
    auto it = std::back_inserter(out);
    const auto& all = history.period.overall;
    const auto first = core::format_date(history.from, history.zone);
    const auto last = core::format_date(history.to - std::chrono::seconds{1}, history.zone);
    fmt::format_to(it,
                   "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<title>Valid Tracking Rate {} to {}</title><style>{}</style></head><body>\n"
                   "<h1>Valid Tracking Rate</h1>\n<p>{} to {}, by promised delivery date; "
                   "days and times in {}. "
                   "Rate <b>{}%</b> ({} valid of {} decided); {} pending, {} exempt, {} "
                   "cancelled. Threshold {:.2f}%, warning {:.2f}%.</p>\n"
                   "<h2>Daily rate (rolling window) against the threshold</h2>\n",
                   first,
                   last,
                   k_style,
                   first,
                   last,
                   html_escape(history.zone.describe(history.from, history.to)),
                   percent_text(all.rate(), "-"),
                   all.valid,
                   all.valid + all.not_valid,
                   all.pending,
                   all.exempt,
                   all.cancelled,
                   history.threshold,
                   history.warning);
    append_rate_chart(out, history);
    out.append("<h2>Root causes</h2>\n");
    append_cause_chart(out, history);
    out.append("<h2>By carrier</h2>\n");
    append_table(out, "carrier", history.period.by_carrier, history.threshold);
    out.append("<h2>By category</h2>\n");
    append_table(out, "category", history.period.by_category, history.threshold);
    append_failing(out, history);
    out.append("</body></html>\n");
    return out;
}

} // namespace vtrguard::report
