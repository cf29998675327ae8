#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/tracking/carrier_settings.hpp>
#include <vtrguard/tracking/lookup.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

namespace vtrguard::cli {

// The carrier settings of config file `path` (its `carriers` section; JSON with comments), or
// the defaults when `path` is empty. Errors name the file and the key.
Result<tracking::TrackingSettings> load_tracking_settings(const std::string& path);

// Looks every number up on a loop of its own and returns the answers in input order; numbers
// are validated against `rules` first.
std::vector<tracking::Lookup> look_up(const tracking::TrackingSettings& settings,
                                      const std::vector<std::string>& numbers,
                                      const std::string& declared,
                                      const carriers::Ruleset& rules);

// One line per lookup: text for people, or a JSON object.
void write_lookup_text(std::string& out, const tracking::Lookup& lookup);
void write_lookup_json(std::string& out, const tracking::Lookup& lookup);

// Prints the lookups of `numbers` to stdout and returns the exit code (docs/carriers-online.md):
// 0 every number verified with a physical scan or format-checked only, 1 a number is invalid,
// unknown to its carrier or not scanned yet, 3 bad configuration, 4 a carrier was unreachable.
int run_online(const std::vector<std::string>& numbers,
               const std::string& declared,
               const std::string& config_path,
               bool is_json,
               const carriers::Ruleset& rules = carriers::Ruleset::builtin());

} // namespace vtrguard::cli
