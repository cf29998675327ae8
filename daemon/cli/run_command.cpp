#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/service/service.hpp>

#include <memory>

namespace vtrguard::cli {

namespace {

struct RunOptions {
    StoreOptions store;
    std::string log_format;
};

int run_service(const RunOptions& options) {
    service::ServiceOptions service_options;
    if (!options.store.config_file.empty()) {
        service_options.config_file = options.store.config_file;
    }
    if (!options.store.database.empty()) {
        service_options.database_override = options.store.database;
    }
    if (!options.log_format.empty()) {
        service_options.log_format_override =
            options.log_format == "json" ? config::LogFormat::json : config::LogFormat::text;
    }
    auto config = service::load_config(service_options);
    if (!config) {
        return report_error("run", config.error());
    }
    const core::SystemClock clock;
    service::Service daemon(std::move(service_options), std::move(*config), clock);
    return daemon.run();
}

} // namespace

void add_run_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<RunOptions>();
    auto* command = app.add_subcommand(
        "run",
        "Run the daemon: watch the orders awaiting shipment and warn in the log before each\n"
        "ship-by deadline. SIGTERM/SIGINT stop it, SIGHUP reloads the configuration.");
    add_store_options(*command, options->store);
    command->add_option("--log-format", options->log_format, "Log lines as text or json")
        ->check(CLI::IsMember({"text", "json"}));
    command->callback([options, &exit_code] { exit_code = run_service(*options); });
}

} // namespace vtrguard::cli
