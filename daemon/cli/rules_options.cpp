#include "rules_options.hpp"

#include <vtrguard/config/rules_dir.hpp>

namespace vtrguard::cli {

void add_rules_option(CLI::App& command, std::string& rules_dir) {
    command.add_option("--rules",
                       rules_dir,
                       "A folder of carrier rule files (*.json) to add to the built-in carriers");
}

Result<carriers::Ruleset> load_rules(const std::string& rules_dir) {
    if (rules_dir.empty()) {
        return carriers::Ruleset::builtin();
    }
    return config::load_rules_dir(rules_dir, "--rules: ");
}

} // namespace vtrguard::cli
