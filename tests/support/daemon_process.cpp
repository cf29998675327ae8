#include "support/daemon_process.hpp"

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>

namespace vtrguard::test {

namespace {

constexpr auto k_poll = std::chrono::milliseconds(20);

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

} // namespace

NotifySocket::NotifySocket(std::filesystem::path path)
    : m_path(std::move(path)) {
    m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string text = m_path.string();
    if (m_fd < 0 || text.size() >= sizeof(address.sun_path)) {
        throw std::runtime_error("cannot create the notify socket");
    }
    std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
    if (bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
        throw std::runtime_error("cannot bind the notify socket");
    }
}

NotifySocket::~NotifySocket() {
    if (m_fd >= 0) {
        close(m_fd);
    }
}

void NotifySocket::drain() {
    std::array<char, 4096> buffer{};
    while (true) {
        const auto size = recv(m_fd, buffer.data(), buffer.size(), 0);
        if (size <= 0) {
            return;
        }
        m_messages.emplace_back(buffer.data(), static_cast<std::size_t>(size));
    }
}

std::size_t NotifySocket::count(const std::string& text) {
    drain();
    std::size_t found = 0;
    for (const auto& message : m_messages) {
        if (message.find(text) != std::string::npos) {
            ++found;
        }
    }
    return found;
}

bool NotifySocket::wait_for(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
        drain();
        for (const auto& message : m_messages) {
            if (message.find(text) != std::string::npos) {
                return true;
            }
        }
        std::this_thread::sleep_for(k_poll);
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

DaemonProcess::DaemonProcess(const std::vector<std::string>& args,
                             const std::filesystem::path& log_path,
                             const std::vector<std::string>& extra_env)
    : m_log_path(log_path) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(
        &actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_addopen(
        &actions, 2, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);

    std::vector<std::string> argv_storage{VTRGUARD_BINARY};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    auto argv = c_strings(argv_storage);
    // What systemd would hand the daemon comes only from the test.
    auto env_storage =
        environment_with(extra_env, {"NOTIFY_SOCKET=", "JOURNAL_STREAM=", "WATCHDOG_"});
    auto envp = c_strings(env_storage);

    const int spawned =
        posix_spawn(&m_pid, VTRGUARD_BINARY, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        throw std::runtime_error("cannot start vtrguard");
    }
    m_is_running = true;
}

DaemonProcess::~DaemonProcess() {
    if (m_is_running) {
        kill(m_pid, SIGKILL);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
}

std::string DaemonProcess::log() const {
    return read_file(m_log_path);
}

bool DaemonProcess::wait_for_log(const std::string& text,
                                 std::chrono::milliseconds timeout,
                                 std::size_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
        if (count_of(log(), text) >= count) {
            return true;
        }
        std::this_thread::sleep_for(k_poll);
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

void DaemonProcess::signal(int number) const {
    kill(m_pid, number);
}

std::optional<int> DaemonProcess::wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_is_running = false;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(k_poll);
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
}

} // namespace vtrguard::test
