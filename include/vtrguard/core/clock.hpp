#pragma once

#include <chrono>

namespace vtrguard::core {

using TimePoint = std::chrono::sys_seconds;

// The source of "now". Deadline logic takes a Clock& so tests can move time without sleeping.
struct Clock {
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

} // namespace vtrguard::core
