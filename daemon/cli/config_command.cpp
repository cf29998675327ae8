#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/config/show.hpp>

#include <fmt/core.h>

#include <memory>

namespace vtrguard::cli {

namespace {

struct ConfigOptions {
    std::string check_file;
    StoreOptions show;
};

int run_check(const std::string& file) {
    auto loaded = config::load_file(file);
    if (!loaded) {
        // The message already reads `FILE: key: why`.
        fmt::print(stderr, "{}\n", loaded.error().message);
        return k_exit_config;
    }
    fmt::print("{}: ok\n", file);
    return k_exit_ok;
}

int run_show(const StoreOptions& options) {
    auto loaded = effective_config(options);
    if (!loaded) {
        fmt::print(stderr, "{}\n", loaded.error().message);
        return k_exit_config;
    }
    fmt::print("{}", config::show(*loaded));
    return k_exit_ok;
}

} // namespace

void add_config_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ConfigOptions>();
    auto* command = app.add_subcommand("config", "Check or show the configuration.");
    command->require_subcommand(1);

    auto* check = command->add_subcommand(
        "check", "Validate a configuration file. Exit 0: valid; 3: invalid (FILE: key: why).");
    check->add_option("file", options->check_file, "The configuration file")->required();
    check->callback([options, &exit_code] { exit_code = run_check(options->check_file); });

    auto* show = command->add_subcommand(
        "show", "Print the configuration in effect (defaults, the file, --db), secrets masked.");
    add_store_options(*show, options->show);
    show->callback([options, &exit_code] { exit_code = run_show(options->show); });
}

} // namespace vtrguard::cli
