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
// no shell in between.
ProcessResult run_process(const std::string& program,
                          const std::vector<std::string>& args,
                          const std::string& input = {});

// Runs the vtrguard binary built next to the tests.
ProcessResult run_vtrguard(const std::vector<std::string>& args, const std::string& input = {});

} // namespace vtrguard::test
