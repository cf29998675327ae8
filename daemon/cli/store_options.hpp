#pragma once

#include <vtrguard/config/config.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/store/store.hpp>

#include <CLI/CLI.hpp>

#include <string>

namespace vtrguard::cli {

// The options every command that uses the store shares.
struct StoreOptions {
    std::string config_file; // empty: built-in defaults
    std::string database;    // empty: the configured one
};

// Adds `--config FILE` and `--db PATH` to `command`.
void add_store_options(CLI::App& command, StoreOptions& options);

// The configuration in effect: the file (or the defaults) with `--db` applied.
Result<config::Config> effective_config(const StoreOptions& options);

// The store the configuration names; its folder is created when missing.
Result<store::Store> open_store(const config::Config& config);

// Prints `vtrguard COMMAND: message` to stderr and returns the exit code for `error`.
int report_error(std::string_view command, const Error& error);

} // namespace vtrguard::cli
