#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/result.hpp>

#include <CLI/CLI.hpp>

#include <string>

namespace vtrguard::cli {

// Adds `--rules DIR` (a folder of carrier rule files, docs/rules.md) to `command`.
void add_rules_option(CLI::App& command, std::string& rules_dir);

// The built-in carriers, plus the `*.json` files of `rules_dir` in name order when it is not
// empty. Errors name the folder or the file and the key at fault (ErrorCode::usage).
Result<carriers::Ruleset> load_rules(const std::string& rules_dir);

} // namespace vtrguard::cli
