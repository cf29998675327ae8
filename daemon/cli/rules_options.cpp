#include "rules_options.hpp"

#include <vtrguard/carriers/rule_file.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace vtrguard::cli {

namespace fs = std::filesystem;

void add_rules_option(CLI::App& command, std::string& rules_dir) {
    command.add_option("--rules",
                       rules_dir,
                       "A folder of carrier rule files (*.json) to add to the built-in carriers");
}

Result<carriers::Ruleset> load_rules(const std::string& rules_dir) {
    if (rules_dir.empty()) {
        return carriers::Ruleset::builtin();
    }
    std::error_code error;
    std::vector<fs::path> paths;
    for (fs::directory_iterator it(rules_dir, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == ".json") {
            paths.push_back(it->path());
        }
    }
    if (error) {
        return fail(ErrorCode::usage, "--rules: " + rules_dir + ": " + error.message());
    }
    // Name order makes the result independent of the file system's listing order.
    std::sort(paths.begin(), paths.end());
    std::vector<carriers::RuleFile> files;
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            return fail(ErrorCode::usage, path.string() + ": cannot be read");
        }
        files.push_back({path.string(), text.str()});
    }
    auto rules = carriers::build_with_rule_files(files);
    if (!rules) {
        return fail(ErrorCode::usage, rules.error().message);
    }
    return std::move(*rules);
}

} // namespace vtrguard::cli
