#pragma once

#include <vtrguard/alerts/event.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/core/result.hpp>

#include <spdlog/logger.h>

#include <memory>
#include <string_view>

namespace vtrguard::service {

// The daemon's log: the alert channel operators read in journald or ship to their alerting.
// Lines go to stderr (with a syslog priority prefix when stderr is the journal, so
// warning/error/critical reach journald as such) and, when configured, to a file. In JSON
// format every line is one object. Not thread-safe: the loop thread writes.
class Log {
public:
    // Builds the sinks `config` asks for. Errors: the log file cannot be opened.
    static Result<std::unique_ptr<Log>> open(const config::LogConfig& config);

    void info(std::string_view message) { write(spdlog::level::info, message); }

    void warn(std::string_view message) { write(spdlog::level::warn, message); }

    void error(std::string_view message) { write(spdlog::level::err, message); }

    // One line per alert event, at the level its alert has (docs/alerts.md).
    void alert(const alerts::AlertEvent& event);

    // Applies a new log configuration and reopens the file (SIGHUP; log rotation). On error
    // the old sinks stay.
    Result<bool> reopen(const config::LogConfig& config);

    spdlog::logger& logger() { return *m_logger; }

    // A logger for components that take one (the carrier lookups): its lines go through this
    // log, in its format and to its sinks, also after reopen(). It must not outlive this Log.
    std::shared_ptr<spdlog::logger> component_logger();

    // One line at `level`, in the configured format.
    void write(spdlog::level::level_enum level, std::string_view message);

private:
    Log(std::shared_ptr<spdlog::logger> logger, config::LogFormat format);

    std::shared_ptr<spdlog::logger> m_logger;
    config::LogFormat m_format;
};

// Whether stderr is connected to the systemd journal ($JOURNAL_STREAM names it).
bool is_stderr_journal();

} // namespace vtrguard::service
