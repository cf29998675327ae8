#pragma once

#include <vtrguard/core/result.hpp>

namespace vtrguard::cli {

// Exit codes are part of the interface; docs/cli.md lists them.
inline constexpr int k_exit_ok = 0;       // every number valid, nothing at risk
inline constexpr int k_exit_findings = 1; // a number is invalid or an order at risk
inline constexpr int k_exit_usage = 2;    // bad arguments or unreadable input
inline constexpr int k_exit_config = 3;   // the configuration is invalid
inline constexpr int k_exit_runtime = 4;  // a failure while running (store, network)

// The exit code a failure of this kind ends the program with.
inline int exit_code_for(ErrorCode code) {
    switch (code) {
    case ErrorCode::usage:
    case ErrorCode::invalid_input:
        return k_exit_usage;
    case ErrorCode::config:
        return k_exit_config;
    default:
        return k_exit_runtime;
    }
}

} // namespace vtrguard::cli
