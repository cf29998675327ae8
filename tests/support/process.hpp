#pragma once

#include <string>
#include <vector>

namespace vtrguard::test {

// What a finished child process left behind.
struct ProcessResult {
    int exit_code = -1; // -1 when it was killed by a signal
    std::string out;
    std::string err;
};

// Runs `program` with `args`, feeding `input` on stdin, and waits for it. The real binary,
// no shell in between. `env` (`NAME=value`) replaces those variables of this process's
// environment.
ProcessResult run_process(const std::string& program,
                          const std::vector<std::string>& args,
                          const std::string& input = {},
                          const std::vector<std::string>& env = {});

// Runs the vtrguard binary built next to the tests.
ProcessResult run_vtrguard(const std::vector<std::string>& args, const std::string& input = {});

// Runs the vtrguard binary with `env` (`TZ=UTC`, …) replacing those variables.
ProcessResult run_vtrguard_with_env(const std::vector<std::string>& env,
                                    const std::vector<std::string>& args);

// This process's environment with `env` (`NAME=value`) replacing those variables, and without
// the variables whose names start with one of `dropped`.
std::vector<std::string> environment_with(const std::vector<std::string>& env,
                                          const std::vector<std::string>& dropped = {});

// Pointers to `strings`, ending with nullptr: an argv or envp for posix_spawn.
std::vector<char*> c_strings(std::vector<std::string>& strings);

} // namespace vtrguard::test
