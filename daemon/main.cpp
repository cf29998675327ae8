#include <vtrguard/cli/run.hpp>

int main(int argc, char** argv) {
    return vtrguard::cli::run(argc, argv);
}
