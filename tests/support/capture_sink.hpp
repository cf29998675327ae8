#pragma once

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

#include <memory>
#include <mutex>
#include <string>

namespace vtrguard::test {

// Keeps every formatted log line, like spdlog's own test_sink (spdlog 1.10 has no callback sink).
class CaptureSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::string text() {
        const std::lock_guard lock(mutex_);
        return m_text;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(message, formatted);
        m_text.append(formatted.data(), formatted.size());
    }

    void flush_() override {}

private:
    std::string m_text;
};

// A logger at trace level writing only to `sink`.
inline std::shared_ptr<spdlog::logger> capture_logger(const std::shared_ptr<CaptureSink>& sink) {
    auto logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_level(spdlog::level::trace);
    return logger;
}

} // namespace vtrguard::test
