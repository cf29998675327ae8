#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/result.hpp>

#include <filesystem>
#include <string_view>

namespace vtrguard::config {

// The built-in carriers plus the `*.json` rule files (docs/rules.md) of `folder`, applied in
// name order. Errors carry ErrorCode::usage: a folder that cannot be listed reads
// `<folder_label>FOLDER: why`, a bad file `FILE: key: why` (the file named, whatever the label).
Result<carriers::Ruleset> load_rules_dir(const std::filesystem::path& folder,
                                         std::string_view folder_label = {});

} // namespace vtrguard::config
