#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/report/rate.hpp>
#include <vtrguard/report/rate_read.hpp>
#include <vtrguard/report/vtr_format.hpp>

#include <cstdio>
#include <memory>

namespace vtrguard::cli {

namespace {

struct VtrOptions {
    StoreOptions store;
    int days = 30;
    std::string format = "text";
};

bool is_below(const report::Counts& counts, double threshold) {
    const auto rate = counts.rate();
    return rate && *rate < threshold;
}

int run_vtr(const VtrOptions& options) {
    auto config = effective_config(options.store);
    if (!config) {
        return report_error("vtr", config.error());
    }
    // Opening the store runs its migrations before the read-only connection reads it.
    if (auto store = open_store(*config); !store) {
        return report_error("vtr", store.error());
    }
    const core::SystemClock clock;
    const auto now = clock.now();
    const std::chrono::seconds window = std::chrono::hours{24} * options.days;
    // Streamed: the counts are held, not the shipments.
    const auto read = report::read_rate<report::SummaryBuilder>(
        config->database, config->marketplaces, now, window);
    if (!read) {
        return report_error("vtr", read.error());
    }
    const auto& summary = *read;
    const double threshold = config::policy_for(config->marketplaces, "").threshold;
    const std::string out = options.format == "json"
                                ? report::vtr_json(summary)
                                : report::vtr_text(summary, threshold, config->report.time_zone);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    bool is_at_risk = is_below(summary.overall, threshold);
    for (const auto& line : summary.by_category) {
        is_at_risk = is_at_risk || is_below(line.counts, threshold);
    }
    return is_at_risk ? k_exit_findings : k_exit_ok;
}

} // namespace

void add_vtr_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<VtrOptions>();
    auto* command = app.add_subcommand(
        "vtr",
        "Print the Valid Tracking Rate over the last days, overall and per category, carrier "
        "and marketplace.\nExit 0: at or above the threshold; 1: a rate below it; 2: usage; "
        "3: configuration; 4: runtime.");
    add_store_options(*command, options->store);
    command->add_option("--days", options->days, "Window in days, by promised delivery date")
        ->check(CLI::Range(1, 365));
    command->add_option("--format", options->format, "Output: text or json")
        ->check(CLI::IsMember({"text", "json"}));
    command->callback([options, &exit_code] { exit_code = run_vtr(*options); });
}

} // namespace vtrguard::cli
