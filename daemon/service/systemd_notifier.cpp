#include <vtrguard/service/systemd_notifier.hpp>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>

namespace vtrguard::service {

namespace {

std::optional<std::chrono::milliseconds> read_watchdog() {
    const char* usec = std::getenv("WATCHDOG_USEC");
    if (usec == nullptr) {
        return std::nullopt;
    }
    // WATCHDOG_PID, when set, says which process the pings are for.
    const char* pid = std::getenv("WATCHDOG_PID");
    if (pid != nullptr && std::strtol(pid, nullptr, 10) != static_cast<long>(getpid())) {
        return std::nullopt;
    }
    const auto micros = std::strtoull(usec, nullptr, 10);
    if (micros == 0) {
        return std::nullopt;
    }
    // Ping at half the timeout, as sd_watchdog_enabled(3) advises.
    return std::chrono::milliseconds(micros / 2000);
}

} // namespace

SystemdNotifier::SystemdNotifier()
    : m_watchdog(read_watchdog()) {
    const char* socket_path = std::getenv("NOTIFY_SOCKET");
    if (socket_path == nullptr || socket_path[0] == '\0') {
        return;
    }
    m_socket_path = socket_path;
    m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

SystemdNotifier::~SystemdNotifier() {
    if (m_fd >= 0) {
        close(m_fd);
    }
}

void SystemdNotifier::notify(std::string_view message) const {
    if (m_fd < 0 || m_socket_path.size() >= sizeof(sockaddr_un::sun_path)) {
        return;
    }
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, m_socket_path.data(), m_socket_path.size());
    if (address.sun_path[0] == '@') {
        address.sun_path[0] = '\0'; // abstract namespace
    }
    const auto length =
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_socket_path.size());
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API takes sockaddr*
    const auto* generic = reinterpret_cast<const sockaddr*>(&address);
    // Never wait for the reader: a full queue on the notify socket would otherwise stop the
    // event loop, and with it every sweep and alert. A dropped STATUS= is replaced by the next.
    (void)sendto(
        m_fd, message.data(), message.size(), MSG_NOSIGNAL | MSG_DONTWAIT, generic, length);
}

} // namespace vtrguard::service
