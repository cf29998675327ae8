#pragma once

#include <vtrguard/config/config.hpp>

#include <string>

namespace vtrguard::config {

// The effective configuration as pretty JSON, every key present, secrets as `********`.
// This is what `vtrguard config show` prints; it parses back to the same Config.
std::string show(const Config& config);

} // namespace vtrguard::config
