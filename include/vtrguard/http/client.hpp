#pragma once

#include <vtrguard/http/request.hpp>

#include <functional>

namespace vtrguard::http {

// Sends HTTP requests. `on_done` runs exactly once, on the executor the client was given, never
// inside fetch() itself. Implementations must be callable from that executor's thread only.
class Client {
public:
    using Handler = std::function<void(Response)>;

    virtual ~Client() = default;
    Client() = default;
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;
    Client(Client&&) = delete;
    Client& operator=(Client&&) = delete;

    virtual void fetch(Request request, Handler on_done) = 0;
};

} // namespace vtrguard::http
