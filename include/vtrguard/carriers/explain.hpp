#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/verdict.hpp>

#include <string>

namespace vtrguard::carriers {

// One sentence a warehouse worker can act on: what is wrong with the number and what to do.
// Empty for a valid number. Never contains the raw input's invalid bytes.
std::string explain(const Verdict& verdict, const Ruleset& rules);

} // namespace vtrguard::carriers
