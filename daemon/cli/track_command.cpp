#include "commands.hpp"
#include "online_lookup.hpp"

#include <memory>
#include <string>
#include <vector>

namespace vtrguard::cli {

namespace {

struct TrackOptions {
    std::vector<std::string> numbers;
    std::string carrier;
    std::string format = "text";
    std::string config;
};

} // namespace

void add_track_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<TrackOptions>();
    auto* command = app.add_subcommand(
        "track",
        "Ask the carriers whether they know the numbers and have scanned the parcels.\n"
        "Exit 0: all scanned (or format-checked only); 1: invalid, unknown or unscanned;\n"
        "3: configuration; 4: a carrier could not be reached.");
    command->add_option("numbers", options->numbers, "Tracking numbers")->required();
    command->add_option("--carrier,-c", options->carrier, "The declared carrier (code or name)");
    command->add_option("--format", options->format, "Output: text or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}));
    command->add_option("--config", options->config, "Config file with a `carriers` section");
    command->callback([options, &exit_code] {
        exit_code = run_online(
            options->numbers, options->carrier, options->config, options->format == "json");
    });
}

} // namespace vtrguard::cli
