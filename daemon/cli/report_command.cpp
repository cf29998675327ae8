#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/report/evidence_pack.hpp>
#include <vtrguard/report/history.hpp>
#include <vtrguard/report/shipment_rows.hpp>

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <functional>
#include <memory>

namespace vtrguard::cli {

namespace {

struct ReportOptions {
    StoreOptions store;
    int days = 90;
    int window_days = 30;
    std::string out;
};

// Writes `path` with what `write` puts in the stream.
Result<bool> write_file(const std::filesystem::path& path,
                        const std::function<void(std::ostream&)>& write) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    write(file);
    file.close();
    if (!file) {
        return fail(ErrorCode::io, fmt::format("{}: cannot write the file", path.string()));
    }
    return true;
}

// The history of the period, read in one pass: only the counts and the failing shipments are
// held, whatever the number of orders.
Result<report::History> read_history(const config::Config& config,
                                     core::TimePoint now,
                                     int days,
                                     std::chrono::seconds window) {
    const auto& zone = config.report.time_zone;
    auto reader = report::ShipmentReader::open(config.database);
    if (!reader) {
        return tl::unexpected(reader.error());
    }
    report::HistoryBuilder builder(config.marketplaces, now, days, window, zone);
    // The first day's rolling window reaches back `window` before the period.
    const auto [from, to] = report::history_range(now, days, window, zone);
    auto read = reader->for_each(
        from, to, [&builder](const auto& shipment, std::int64_t id) { builder.add(shipment, id); });
    if (!read) {
        return tl::unexpected(read.error());
    }
    // Numbers on more than one order are read again to be told apart.
    auto candidates = reader->by_ids(builder.reuse_candidates());
    if (!candidates) {
        return tl::unexpected(candidates.error());
    }
    return std::move(builder).finish(*candidates);
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
    const std::chrono::seconds window = std::chrono::hours{24} * options.window_days;
    const auto history = read_history(*config, clock.now(), options.days, window);
    if (!history) {
        return report_error("report", history.error());
    }
    const std::array<std::pair<const char*, std::function<void(std::ostream&)>>, 3> files{{
        {"report.html", [&](std::ostream& out) { out << report::report_html(*history); }},
        {"failing-orders.csv",
         [&](std::ostream& out) { report::write_failing_orders_csv(*history, out); }},
        {"plan-of-action.md", [&](std::ostream& out) { out << report::plan_of_action(*history); }},
    }};
    for (const auto& [name, write] : files) {
        if (auto written = write_file(out_dir / name, write); !written) {
            return report_error("report", written.error());
        }
    }
    fmt::print("{} shipments, {} not valid; wrote {}\n",
               history->period.overall.total,
               history->period.overall.not_valid,
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
