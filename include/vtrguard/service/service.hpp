#pragma once

#include <vtrguard/config/config.hpp>
#include <vtrguard/core/clock.hpp>

#include <filesystem>
#include <memory>
#include <optional>

namespace vtrguard::service {

// What `vtrguard run` was told on its command line; kept to reload the configuration.
struct ServiceOptions {
    std::optional<std::filesystem::path> config_file;
    std::optional<std::filesystem::path> database_override;
    std::optional<config::LogFormat> log_format_override;
};

// The daemon: one io_context on the calling thread, a signal_set (SIGTERM/SIGINT stop,
// SIGHUP reloads), timers for the sweep, the inbox and the systemd watchdog. Every handler
// checks the stopping flag first and catches what it throws, so one bad step never ends the
// service.
class Service {
public:
    Service(ServiceOptions options, config::Config config, const core::Clock& clock);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;
    Service(Service&&) = delete;
    Service& operator=(Service&&) = delete;

    // Runs until SIGTERM or SIGINT. Returns the process exit code: 0 after a clean stop, 3 when
    // the log cannot be opened, 4 when the store cannot.
    int run();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The configuration `options` describe: the file (or defaults), --db and --log-format applied.
Result<config::Config> load_config(const ServiceOptions& options);

} // namespace vtrguard::service
