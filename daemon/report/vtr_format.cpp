#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/vtr_format.hpp>

#include <fmt/format.h>

#include <iterator>

namespace vtrguard::report {

namespace {

void append_counts_json(std::string& out, const Counts& counts) {
    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "\"total\":{},\"valid\":{},\"not_valid\":{},\"pending\":{},\"exempt\":{},"
                   "\"cancelled\":{},\"lane_unverified\":{},\"rate\":{},\"best_case\":{},"
                   "\"worst_case\":{},\"causes\":{{",
                   counts.total,
                   counts.valid,
                   counts.not_valid,
                   counts.pending,
                   counts.exempt,
                   counts.cancelled,
                   counts.lane_unverified,
                   percent_text(counts.rate(), "null"),
                   percent_text(counts.best_case(), "null"),
                   percent_text(counts.worst_case(), "null"));
    for (const auto cause : k_all_causes) {
        fmt::format_to(it,
                       "{}\"{}\":{}",
                       cause == k_all_causes.front() ? "" : ",",
                       cause_name(cause),
                       counts.causes.at(static_cast<std::size_t>(cause)));
    }
    out.push_back('}');
}

void append_breakdown_json(std::string& out,
                           std::string_view key,
                           const std::vector<Breakdown>& lines) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":[", key);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out.append(i == 0 ? "{\"name\":" : ",{\"name\":");
        core::append_json_string(out, lines[i].name);
        out.push_back(',');
        append_counts_json(out, lines[i].counts);
        out.push_back('}');
    }
    out.push_back(']');
}

void append_table(std::string& out,
                  std::string_view title,
                  const std::vector<Breakdown>& lines,
                  double threshold) {
    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "\n{:<24} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n",
                   title,
                   "total",
                   "valid",
                   "invalid",
                   "pending",
                   "exempt",
                   "rate %");
    for (const auto& line : lines) {
        const auto rate = line.counts.rate();
        fmt::format_to(it,
                       "{:<24} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}{}\n",
                       core::printable(line.name),
                       line.counts.total,
                       line.counts.valid,
                       line.counts.not_valid,
                       line.counts.pending,
                       line.counts.exempt,
                       percent_text(rate, "-"),
                       rate && *rate < threshold ? "  below threshold" : "");
    }
}

} // namespace

std::string percent_text(std::optional<double> percent, std::string_view none) {
    if (!percent) {
        return std::string(none);
    }
    return fmt::format("{:.2f}", *percent);
}

std::string vtr_json(const VtrSummary& summary) {
    std::string out = "{\"from\":";
    core::append_json_string(out, core::format_instant(summary.from));
    out.append(",\"to\":");
    core::append_json_string(out, core::format_instant(summary.to));
    out.push_back(',');
    append_counts_json(out, summary.overall);
    append_breakdown_json(out, "by_category", summary.by_category);
    append_breakdown_json(out, "by_carrier", summary.by_carrier);
    append_breakdown_json(out, "by_marketplace", summary.by_marketplace);
    out.append("}\n");
    return out;
}

std::string vtr_text(const VtrSummary& summary, double threshold, const core::TimeZone& zone) {
    std::string out;
    auto it = std::back_inserter(out);
    const auto& all = summary.overall;
    fmt::format_to(it,
                   "Valid Tracking Rate {} .. {}, times in {}\n"
                   "rate {}%  ({} valid of {} decided; {} pending, {} exempt, {} cancelled)\n"
                   "best case {}%, worst case {}%  (pending all scanned / none scanned)\n",
                   core::format_instant(summary.from, zone),
                   core::format_instant(summary.to, zone),
                   zone.describe(summary.from, summary.to),
                   percent_text(all.rate(), "-"),
                   all.valid,
                   all.valid + all.not_valid,
                   all.pending,
                   all.exempt,
                   all.cancelled,
                   percent_text(all.best_case(), "-"),
                   percent_text(all.worst_case(), "-"));
    if (all.not_valid > 0) {
        out.append("\nnot valid by cause\n");
        for (const auto cause : k_all_causes) {
            const auto count = all.causes.at(static_cast<std::size_t>(cause));
            if (count > 0) {
                fmt::format_to(it, "  {:<32} {:>8}\n", cause_label(cause), count);
            }
        }
    }
    append_table(out, "category", summary.by_category, threshold);
    append_table(out, "carrier", summary.by_carrier, threshold);
    append_table(out, "marketplace", summary.by_marketplace, threshold);
    return out;
}

} // namespace vtrguard::report
