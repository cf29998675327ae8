#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vtrguard::service {

// Talks to systemd's notification socket ($NOTIFY_SOCKET): READY=1, STATUS=…, WATCHDOG=1,
// STOPPING=1. A few lines of our own rather than libsystemd. Does nothing when the variable is
// unset (not under systemd). Not thread-safe; used from the loop thread only.
class SystemdNotifier {
public:
    // Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID from the environment.
    SystemdNotifier();
    ~SystemdNotifier();
    SystemdNotifier(const SystemdNotifier&) = delete;
    SystemdNotifier& operator=(const SystemdNotifier&) = delete;
    SystemdNotifier(SystemdNotifier&&) = delete;
    SystemdNotifier& operator=(SystemdNotifier&&) = delete;

    // Sends one datagram of `KEY=value` lines. Failures are ignored: systemd may be gone.
    void notify(std::string_view message) const;

    void ready() const { notify("READY=1"); }

    void stopping() const { notify("STOPPING=1"); }

    void status(std::string_view text) const { notify("STATUS=" + std::string(text)); }

    void watchdog() const { notify("WATCHDOG=1"); }

    // How often to ping the watchdog (half its timeout), when systemd asked for pings.
    std::optional<std::chrono::milliseconds> watchdog_interval() const { return m_watchdog; }

private:
    std::string m_socket_path; // '@' first for an abstract socket
    int m_fd = -1;
    std::optional<std::chrono::milliseconds> m_watchdog;
};

} // namespace vtrguard::service
