#pragma once

#include <vtrguard/core/asio.hpp>
#include <vtrguard/http/client.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace vtrguard::http {

struct CurlOptions {
    std::string ca_file;                               // empty: the system CA store
    std::chrono::milliseconds connect_timeout{5000};   // CURLOPT_CONNECTTIMEOUT_MS
    std::chrono::milliseconds total_timeout{20000};    // default when a Request gives none
    std::size_t max_body_bytes = std::size_t{4} << 20; // past this: Failure::too_large
    long max_connections = 16;                         // total, shared by all hosts
    std::string user_agent = "vtrguard";
};

// An http::Client on libcurl's multi interface. One worker thread runs curl_multi_poll for every
// request; completions are posted to `executor`. Connections are reused; TLS is verified; proxies
// come from the usual environment variables (libcurl's default). The destructor stops the worker:
// requests still pending complete with Failure::cancelled (posted, so they run only if the
// executor runs again) and the thread joins. fetch() is thread-safe.
class CurlClient final : public Client {
public:
    CurlClient(boost::asio::any_io_executor executor, CurlOptions options);
    ~CurlClient() override;
    CurlClient(const CurlClient&) = delete;
    CurlClient& operator=(const CurlClient&) = delete;
    CurlClient(CurlClient&&) = delete;
    CurlClient& operator=(CurlClient&&) = delete;

    void fetch(Request request, Handler on_done) override;

    // Stops the worker early (the destructor does it too). Idempotent.
    void shutdown();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace vtrguard::http
