#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/report/evidence_pack.hpp>
#include <vtrguard/report/history.hpp>
#include <vtrguard/report/shipment_rows.hpp>

#include <fmt/format.h>

#include <fstream>
#include <memory>

namespace vtrguard::cli {

namespace {

struct ReportOptions {
    StoreOptions store;
    int days = 90;
    int window_days = 30;
    std::string out;
};

Result<bool> write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.close();
    if (!file) {
        return fail(ErrorCode::io, fmt::format("{}: cannot write the file", path.string()));
    }
    return true;
}

int run_report(const ReportOptions& options) {
    auto config = effective_config(options.store);
    if (!config) {
        return report_error("report", config.error());
    }
    if (auto store = open_store(*config); !store) {
        return report_error("report", store.error());
    }
    const std::filesystem::path out_dir(options.out);
    std::error_code error;
    std::filesystem::create_directories(out_dir, error);
    if (error) {
        return report_error("report",
                            Error{ErrorCode::io,
                                  fmt::format("{}: cannot create the folder: {}",
                                              out_dir.string(),
                                              error.message())});
    }
    const core::SystemClock clock;
    const auto now = clock.now();
    const std::chrono::seconds window = std::chrono::hours{24} * options.window_days;
    const auto& zone = config->report.time_zone;
    // The first day's rolling window reaches back `window` before the period.
    const auto [from, to] = report::history_range(now, options.days, window, zone);
    auto shipments = report::load_shipments(config->database, from, to);
    if (!shipments) {
        return report_error("report", shipments.error());
    }
    const auto history =
        report::build_history(*shipments, config->marketplaces, now, options.days, window, zone);
    for (const auto& [name, text] :
         {std::pair{"report.html", report::report_html(history, *shipments)},
          std::pair{"failing-orders.csv", report::failing_orders_csv(history, *shipments)},
          std::pair{"plan-of-action.md", report::plan_of_action(history)}}) {
        if (auto written = write_file(out_dir / name, text); !written) {
            return report_error("report", written.error());
        }
    }
    fmt::print("{} shipments, {} not valid; wrote {}\n",
               history.period.overall.total,
               history.period.overall.not_valid,
               out_dir.string());
    return k_exit_ok;
}

} // namespace

void add_report_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ReportOptions>();
    auto* command = app.add_subcommand(
        "report",
        "Write the evidence pack: report.html, failing-orders.csv and a plan-of-action.md "
        "draft.\nExit 0: written; 2: usage; 3: configuration; 4: runtime.");
    add_store_options(*command, options->store);
    command->add_option("--days", options->days, "Days covered, up to today (report.time_zone)")
        ->check(CLI::Range(1, 730));
    command->add_option("--window", options->window_days, "Rolling window of the daily rate, days")
        ->check(CLI::Range(1, 365));
    command->add_option("--out", options->out, "Folder to write the files to")->required();
    command->callback([options, &exit_code] { exit_code = run_report(*options); });
}

} // namespace vtrguard::cli
