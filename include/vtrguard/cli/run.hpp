#pragma once

namespace vtrguard::cli {

// The whole program: parses the command line, runs the command, maps failures to exit codes
// (docs/cli.md). Never throws.
int run(int argc, char** argv);

} // namespace vtrguard::cli
