#pragma once

#include <CLI/CLI.hpp>

namespace vtrguard::cli {

// Each command registers its subcommand and stores its exit code in `exit_code` when it runs.
void add_validate_command(CLI::App& app, int& exit_code);
void add_carriers_command(CLI::App& app, int& exit_code);
void add_config_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_track_command(CLI::App& app, int& exit_code);
void add_vtr_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_sources_command(CLI::App& app, int& exit_code);

} // namespace vtrguard::cli
