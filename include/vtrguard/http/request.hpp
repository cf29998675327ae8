#pragma once

#include <tl/expected.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vtrguard::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One HTTP exchange to make. `timeout` bounds the whole exchange, connect included; zero keeps
// the client's default.
struct Request {
    std::string method = "GET";
    std::string url;
    Headers headers;
    std::string body;
    std::chrono::milliseconds timeout{0};
};

// A complete answer with a status the caller interprets (2xx, but also 401, 403, 404: carriers
// put meaning in those).
struct Reply {
    int status = 0;
    Headers headers;
    std::string body;

    // The value of header `name` (case-insensitive), empty when absent.
    std::string_view header(std::string_view name) const;
};

// Why no usable reply came back. 429 and 5xx arrive here, not as a Reply.
struct Failure {
    enum class Kind : std::uint8_t {
        timeout,      // connect or total timeout
        rate_limited, // HTTP 429; retry_after set when the server said
        server_error, // HTTP 5xx
        network,      // DNS, connect, TLS, reset
        bad_response, // not HTTP, or a body that cannot be read
        too_large,    // the body passed the size limit
        cancelled,    // the client shut down before the exchange finished
    };

    Kind kind = Kind::network;
    int status = 0;                      // HTTP status for rate_limited and server_error
    std::chrono::seconds retry_after{0}; // 0 when the server gave none
    std::string detail;                  // for logs; never holds a secret
};

std::string_view failure_name(Failure::Kind kind);

using Response = tl::expected<Reply, Failure>;

// Seconds from a Retry-After value (delta-seconds only); 0 when absent or unreadable.
std::chrono::seconds parse_retry_after(std::string_view value);

} // namespace vtrguard::http
