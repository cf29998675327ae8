#include <vtrguard/alerts/event_format.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/service/log.hpp>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <sys/stat.h>

namespace vtrguard::service {

namespace {

// syslog priorities for the "<N>" prefix journald reads from a stream (sd-daemon(3)).
int syslog_priority(spdlog::level::level_enum level) {
    switch (level) {
    case spdlog::level::critical:
        return 2;
    case spdlog::level::err:
        return 3;
    case spdlog::level::warn:
        return 4;
    case spdlog::level::info:
        return 6;
    default:
        return 7;
    }
}

// Writes formatted lines to stderr; under journald with the priority prefix.
class StderrSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit StderrSink(bool is_journal)
        : m_is_journal(is_journal) {}

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        if (m_is_journal) {
            const std::string prefix = "<" + std::to_string(syslog_priority(msg.level)) + ">";
            std::fwrite(prefix.data(), 1, prefix.size(), stderr);
        }
        std::fwrite(formatted.data(), 1, formatted.size(), stderr);
        std::fflush(stderr);
    }

    void flush_() override { std::fflush(stderr); }

private:
    bool m_is_journal;
};

// Hands each line of a component's logger to the Log, which formats and filters it.
class ForwardSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit ForwardSink(Log& log)
        : m_log(log) {}

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        m_log.write(msg.level, std::string_view(msg.payload.data(), msg.payload.size()));
    }

    void flush_() override {}

private:
    Log& m_log;
};

std::string level_word(spdlog::level::level_enum level) {
    const auto name = spdlog::level::to_string_view(level);
    return {name.data(), name.size()};
}

std::string now_text() {
    return core::format_instant(
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::unique_ptr<spdlog::formatter> utc_formatter(const std::string& pattern) {
    return std::make_unique<spdlog::pattern_formatter>(pattern, spdlog::pattern_time_type::utc);
}

Result<std::shared_ptr<spdlog::logger>> make_logger(const config::LogConfig& config) {
    const bool is_journal = is_stderr_journal();
    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<StderrSink>(is_journal);
    const bool is_json = config.format == config::LogFormat::json;
    // journald stamps its own time; elsewhere each line carries one, in UTC.
    const std::string timed = is_json ? "%v" : "%Y-%m-%dT%H:%M:%SZ %l %v";
    console->set_formatter(utc_formatter(is_json ? "%v" : (is_journal ? "%l %v" : timed)));
    sinks.push_back(console);
    if (config.file) {
        try {
            auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(config.file->string());
            file->set_formatter(utc_formatter(is_json ? "%v" : timed));
            sinks.push_back(file);
        } catch (const spdlog::spdlog_ex& error) {
            return fail(ErrorCode::config,
                        "log.file: cannot open " + config.file->string() + ": " + error.what());
        }
    }
    auto logger = std::make_shared<spdlog::logger>("vtrguard", sinks.begin(), sinks.end());
    auto level = spdlog::level::from_str(config.level);
    logger->set_level(level);
    logger->flush_on(spdlog::level::trace);
    return logger;
}

} // namespace

bool is_stderr_journal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (stream == nullptr) {
        return false;
    }

    struct stat info {};

    if (fstat(STDERR_FILENO, &info) != 0) {
        return false;
    }
    const std::string expected = std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino);
    return expected == stream;
}

Result<std::unique_ptr<Log>> Log::open(const config::LogConfig& config) {
    auto logger = make_logger(config);
    if (!logger) {
        return tl::unexpected(logger.error());
    }
    return std::unique_ptr<Log>(new Log(std::move(*logger), config.format));
}

Log::Log(std::shared_ptr<spdlog::logger> logger, config::LogFormat format)
    : m_logger(std::move(logger))
    , m_format(format) {}

Result<bool> Log::reopen(const config::LogConfig& config) {
    auto logger = make_logger(config);
    if (!logger) {
        return tl::unexpected(logger.error());
    }
    m_logger->flush();
    m_logger = std::move(*logger);
    m_format = config.format;
    return true;
}

std::shared_ptr<spdlog::logger> Log::component_logger() {
    auto logger =
        std::make_shared<spdlog::logger>("vtrguard", std::make_shared<ForwardSink>(*this));
    // The Log's own logger applies the configured level.
    logger->set_level(spdlog::level::trace);
    return logger;
}

void Log::write(spdlog::level::level_enum level, std::string_view message) {
    if (m_format == config::LogFormat::text) {
        m_logger->log(level, "{}", core::printable(message));
        return;
    }
    std::string line =
        "{\"time\":\"" + now_text() + "\",\"level\":\"" + level_word(level) + "\",\"message\":";
    core::append_json_string(line, message);
    line += '}';
    m_logger->log(level, "{}", line);
}

void Log::alert(const alerts::AlertEvent& event) {
    const auto level = alerts::log_level(event);
    if (m_format == config::LogFormat::text) {
        m_logger->log(level, "{}", alerts::format_text(event));
        return;
    }
    // The event's own object, with the time and level in front.
    const std::string object = alerts::format_json(event);
    m_logger->log(level,
                  "{{\"time\":\"{}\",\"level\":\"{}\",{}",
                  now_text(),
                  level_word(level),
                  std::string_view(object).substr(1));
}

} // namespace vtrguard::service
