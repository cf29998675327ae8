#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>

#include <fmt/core.h>

namespace vtrguard::cli {

void add_store_options(CLI::App& command, StoreOptions& options) {
    command.add_option("--config", options.config_file, "Configuration file (JSON with comments)");
    command.add_option("--db", options.database, "Orders database; overrides the configuration");
}

Result<config::Config> effective_config(const StoreOptions& options) {
    auto loaded =
        options.config_file.empty() ? config::defaults() : config::load_file(options.config_file);
    if (loaded && !options.database.empty()) {
        config::apply_database_override(*loaded, options.database);
    }
    return loaded;
}

Result<store::Store> open_store(const config::Config& config) {
    const auto folder = config.database.parent_path();
    std::error_code error;
    if (!folder.empty()) {
        std::filesystem::create_directories(folder, error);
    }
    if (error) {
        return fail(
            ErrorCode::store,
            fmt::format("{}: cannot create the folder: {}", folder.string(), error.message()));
    }
    return store::Store::open(config.database);
}

int report_error(std::string_view command, const Error& error) {
    fmt::print(stderr, "vtrguard {}: {}\n", command, error.message);
    return exit_code_for(error.code);
}

} // namespace vtrguard::cli
