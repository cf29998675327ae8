#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace vtrguard::test {

// A datagram socket standing in for systemd's $NOTIFY_SOCKET: collects what the daemon says.
class NotifySocket {
public:
    explicit NotifySocket(std::filesystem::path path);
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;
    NotifySocket(NotifySocket&&) = delete;
    NotifySocket& operator=(NotifySocket&&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    // Waits until a message containing `text` arrives; false after `timeout`.
    bool wait_for(const std::string& text, std::chrono::milliseconds timeout);

    const std::vector<std::string>& messages() const { return m_messages; }

    // How many messages so far contain `text`, reading what has arrived first.
    std::size_t count(const std::string& text);

private:
    void drain();

    std::filesystem::path m_path;
    int m_fd = -1;
    std::vector<std::string> m_messages;
};

// The real vtrguard binary running in the background, its stderr captured to a file.
class DaemonProcess {
public:
    DaemonProcess(const std::vector<std::string>& args,
                  const std::filesystem::path& log_path,
                  const std::vector<std::string>& extra_env = {});
    ~DaemonProcess(); // kills the process if it still runs
    DaemonProcess(const DaemonProcess&) = delete;
    DaemonProcess& operator=(const DaemonProcess&) = delete;
    DaemonProcess(DaemonProcess&&) = delete;
    DaemonProcess& operator=(DaemonProcess&&) = delete;

    // Waits until the log holds `text` `count` times; false after `timeout`.
    bool wait_for_log(const std::string& text,
                      std::chrono::milliseconds timeout,
                      std::size_t count = 1) const;
    std::string log() const;

    void signal(int number) const;

    // The exit code once the process ends within `timeout` (-1 if killed by a signal).
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);

    pid_t pid() const { return m_pid; }

private:
    std::filesystem::path m_log_path;
    pid_t m_pid = -1;
    bool m_is_running = false;
};

} // namespace vtrguard::test
