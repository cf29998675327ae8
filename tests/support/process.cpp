#include "support/process.hpp"

#include "support/temp_dir.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <stdexcept>
#include <sys/wait.h>

extern char** environ;

namespace vtrguard::test {

std::vector<std::string> environment_with(const std::vector<std::string>& env,
                                          const std::vector<std::string>& dropped) {
    std::vector<std::string> out(env);
    const auto is_replaced = [&](std::string_view entry) {
        const auto name = entry.substr(0, entry.find('=') + 1);
        for (const auto& value : env) {
            if (value.starts_with(name)) {
                return true;
            }
        }
        for (const auto& prefix : dropped) {
            if (entry.starts_with(prefix)) {
                return true;
            }
        }
        return false;
    };
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (!is_replaced(*entry)) {
            out.emplace_back(*entry);
        }
    }
    return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (auto& text : strings) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

ProcessResult run_process(const std::string& program,
                          const std::vector<std::string>& args,
                          const std::string& input,
                          const std::vector<std::string>& env) {
    const TempDir dir;
    const auto in_path = dir.write("stdin", input);
    const auto out_path = dir / "stdout";
    const auto err_path = dir / "stderr";

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(
        &actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(
        &actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

    std::vector<std::string> argv_storage{program};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    auto argv = c_strings(argv_storage);
    auto env_storage = environment_with(env);
    auto envp = c_strings(env_storage);

    pid_t pid = 0;
    const int spawned =
        posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw std::runtime_error("cannot start " + program);
    }
    int status = 0;
    waitpid(pid, &status, 0);

    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    return result;
}

ProcessResult run_vtrguard(const std::vector<std::string>& args, const std::string& input) {
    return run_process(VTRGUARD_BINARY, args, input);
}

ProcessResult run_vtrguard_with_env(const std::vector<std::string>& env,
                                    const std::vector<std::string>& args) {
    return run_process(VTRGUARD_BINARY, args, {}, env);
}

} // namespace vtrguard::test
