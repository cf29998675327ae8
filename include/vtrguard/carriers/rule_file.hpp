#pragma once

#include <vtrguard/carriers/format_spec.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/result.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::carriers {

// One rule file as read from disk: its name (for errors) and its JSON text.
struct RuleFile {
    std::string source;
    std::string text;
};

// Applies one rule file (the shape is in docs/rules.md) to `carriers`: a carrier whose code is
// new is added; a known code is extended with the file's formats, aliases and marketplace names.
// Errors read "<source>: <key>: <why>", e.g. `yamato.json: carriers[0].formats[1].check.algorithm:
// unknown algorithm "mod12"`; on error `carriers` is left as it was. Pure.
Result<bool> apply_rule_file(const RuleFile& file, std::vector<CarrierSpec>& carriers);

// The built-in carriers with `files` applied in order, compiled. A file that does not compile
// (a bad pattern, a check position outside it) is named in the error. Pure.
Result<Ruleset> build_with_rule_files(std::span<const RuleFile> files);

} // namespace vtrguard::carriers
