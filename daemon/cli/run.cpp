#include "commands.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/cli/run.hpp>
#include <vtrguard/core/result.hpp>

#include <fmt/core.h>

#include <exception>

namespace vtrguard::cli {

int run(int argc, char** argv) {
    CLI::App app{"vtrguard: keeps a seller's Valid Tracking Rate healthy"};
    app.set_version_flag("--version", std::string("vtrguard ") + VTRGUARD_VERSION);
    app.require_subcommand(1);
    int exit_code = k_exit_ok;
    add_validate_command(app, exit_code);
    add_carriers_command(app, exit_code);
    add_config_command(app, exit_code);
    add_import_command(app, exit_code);
    add_check_command(app, exit_code);
    add_run_command(app, exit_code);
    add_track_command(app, exit_code);
    add_vtr_command(app, exit_code);
    add_report_command(app, exit_code);
    add_sources_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? k_exit_ok : k_exit_usage;
    } catch (const StartupError& error) {
        fmt::print(stderr, "vtrguard: {}\n", error.what());
        return exit_code_for(error.code());
    } catch (const std::exception& error) {
        fmt::print(stderr, "vtrguard: {}\n", error.what());
        return k_exit_runtime;
    }
    return exit_code;
}

} // namespace vtrguard::cli
