#include <vtrguard/carriers/rule_file.hpp>
#include <vtrguard/config/rules_dir.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace vtrguard::config {

namespace fs = std::filesystem;

Result<carriers::Ruleset> load_rules_dir(const fs::path& folder, std::string_view folder_label) {
    std::error_code error;
    std::vector<fs::path> paths;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        // A folder named `x.json` is not a rule file; skipping it silently would hide a mistake.
        if (it->path().extension() == ".json") {
            paths.push_back(it->path());
        }
    }
    if (error) {
        return fail(ErrorCode::usage,
                    fmt::format("{}{}: {}", folder_label, folder.string(), error.message()));
    }
    // Name order makes the result independent of the file system's listing order.
    std::sort(paths.begin(), paths.end());
    std::vector<carriers::RuleFile> files;
    for (const auto& path : paths) {
        if (fs::is_directory(path, error)) {
            return fail(ErrorCode::usage, path.string() + ": is a folder, not a rule file");
        }
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

} // namespace vtrguard::config
