#pragma once

#include <tl/expected.hpp>

#include <stdexcept>
#include <string>
#include <utility>

namespace vtrguard {

// What went wrong, as a value. Each layer prefixes the message with where it happened,
// e.g. `orders.csv:17: tracking_number: ...`.
enum class ErrorCode {
    usage,
    invalid_input,
    config,
    io,
    store,
    network,
    internal,
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

// Thrown only to stop start-up; caught in cli::run, which maps it to an exit code.
class StartupError : public std::runtime_error {
public:
    StartupError(ErrorCode code, const std::string& message)
        : std::runtime_error(message)
        , m_code(code) {}

    ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

} // namespace vtrguard
