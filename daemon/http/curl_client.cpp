#include <vtrguard/http/curl_client.hpp>

#include <curl/curl.h>
#include <fmt/core.h>

#include <array>
#include <atomic>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace vtrguard::http {

namespace {

// One request in flight. Owned by the worker thread from the moment it is queued.
struct Transfer {
    Request request;
    Client::Handler on_done;
    boost::asio::any_io_executor work; // keeps the loop's run() going until the answer is posted
    CURL* easy = nullptr;
    curl_slist* header_list = nullptr;
    Reply reply;
    std::size_t max_body_bytes = 0;
    bool is_too_large = false;
    std::array<char, CURL_ERROR_SIZE> error_text{};

    Transfer() = default;
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    Transfer(Transfer&&) = delete;
    Transfer& operator=(Transfer&&) = delete;

    ~Transfer() {
        if (easy != nullptr) {
            curl_easy_cleanup(easy);
        }
        curl_slist_free_all(header_list);
    }
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (transfer->reply.body.size() + bytes > transfer->max_body_bytes) {
        transfer->is_too_large = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    transfer->reply.body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    std::string_view line(data, bytes);
    if (line.starts_with("HTTP/")) {
        transfer->reply.headers.clear(); // a new response (after 100 Continue) starts over
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
        return bytes;
    }
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    while (!value.empty()
           && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
        value.remove_suffix(1);
    }
    transfer->reply.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    return bytes;
}

Failure failure(Failure::Kind kind, std::string detail, int status = 0) {
    Failure result;
    result.kind = kind;
    result.status = status;
    result.detail = std::move(detail);
    return result;
}

Failure::Kind kind_of(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return Failure::Kind::timeout;
    case CURLE_FILESIZE_EXCEEDED:
        return Failure::Kind::too_large;
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_HTTP2:
        return Failure::Kind::bad_response;
    default:
        return Failure::Kind::network;
    }
}

// What the finished transfer amounts to. Runs on the worker thread.
Response outcome(Transfer& transfer, CURLcode code) {
    if (code != CURLE_OK) {
        if (transfer.is_too_large) {
            return tl::unexpected(
                failure(Failure::Kind::too_large,
                        fmt::format("the body passed {} bytes", transfer.max_body_bytes)));
        }
        std::string detail = curl_easy_strerror(code);
        if (transfer.error_text[0] != '\0') {
            detail = fmt::format("{}: {}", detail, transfer.error_text.data());
        }
        return tl::unexpected(failure(kind_of(code), std::move(detail)));
    }
    long status = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
    const int http_status = static_cast<int>(status);
    if (http_status == 429) {
        auto limited = failure(Failure::Kind::rate_limited, "HTTP 429", http_status);
        limited.retry_after = parse_retry_after(transfer.reply.header("Retry-After"));
        return tl::unexpected(std::move(limited));
    }
    if (http_status >= 500) {
        return tl::unexpected(
            failure(Failure::Kind::server_error, fmt::format("HTTP {}", http_status), http_status));
    }
    if (http_status < 100) {
        return tl::unexpected(failure(Failure::Kind::bad_response, "no HTTP status"));
    }
    transfer.reply.status = http_status;
    return std::move(transfer.reply);
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

class CurlClient::Impl {
public:
    Impl(boost::asio::any_io_executor executor, CurlOptions options)
        : m_executor(std::move(executor))
        , m_options(std::move(options)) {
        global_init();
        m_multi = curl_multi_init();
        curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, m_options.max_connections);
        m_worker = std::thread([this] { work(); });
    }

    ~Impl() {
        shutdown();
        curl_multi_cleanup(m_multi);
    }

    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    void fetch(Request request, Handler on_done) {
        auto transfer = std::make_unique<Transfer>();
        transfer->request = std::move(request);
        transfer->on_done = std::move(on_done);
        transfer->work =
            boost::asio::prefer(m_executor, boost::asio::execution::outstanding_work.tracked);
        {
            const std::lock_guard lock(m_mutex);
            if (!m_is_stopping) {
                m_incoming.push_back(std::move(transfer));
            }
        }
        if (transfer) { // refused: the client is shutting down
            complete(*transfer, tl::unexpected(failure(Failure::Kind::cancelled, "shut down")));
            return;
        }
        curl_multi_wakeup(m_multi);
    }

    void shutdown() {
        {
            const std::lock_guard lock(m_mutex);
            m_is_stopping = true;
        }
        curl_multi_wakeup(m_multi);
        if (m_worker.joinable()) {
            m_worker.join();
        }
    }

private:
    void work() {
        std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;
        std::deque<std::unique_ptr<Transfer>> batch;
        for (;;) {
            {
                const std::lock_guard lock(m_mutex);
                if (m_is_stopping) {
                    batch.swap(m_incoming);
                    break;
                }
                batch.swap(m_incoming);
            }
            for (auto& transfer : batch) {
                start(std::move(transfer), active);
            }
            batch.clear();
            int running = 0;
            curl_multi_perform(m_multi, &running);
            int queued = 0;
            while (CURLMsg* message = curl_multi_info_read(m_multi, &queued)) {
                if (message->msg != CURLMSG_DONE) {
                    continue;
                }
                auto found = active.find(message->easy_handle);
                if (found == active.end()) {
                    continue;
                }
                auto transfer = std::move(found->second);
                active.erase(found);
                curl_multi_remove_handle(m_multi, transfer->easy);
                complete(*transfer, outcome(*transfer, message->data.result));
            }
            constexpr int k_poll_ms = 1000;
            curl_multi_poll(m_multi, nullptr, 0, k_poll_ms, nullptr);
        }
        const auto cancelled = failure(Failure::Kind::cancelled, "shut down");
        for (auto& [easy, transfer] : active) {
            curl_multi_remove_handle(m_multi, easy);
            complete(*transfer, tl::unexpected(cancelled));
        }
        for (auto& transfer : batch) {
            complete(*transfer, tl::unexpected(cancelled));
        }
    }

    void start(std::unique_ptr<Transfer> transfer,
               std::unordered_map<CURL*, std::unique_ptr<Transfer>>& active) {
        CURL* easy = curl_easy_init();
        if (easy == nullptr) {
            complete(*transfer, tl::unexpected(failure(Failure::Kind::network, "curl init")));
            return;
        }
        transfer->easy = easy;
        transfer->max_body_bytes = m_options.max_body_bytes;
        const auto& request = transfer->request;
        const auto total = request.timeout.count() > 0 ? request.timeout : m_options.total_timeout;
        curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!m_options.ca_file.empty()) {
            curl_easy_setopt(easy, CURLOPT_CAINFO, m_options.ca_file.c_str());
        }
        // curl takes these as long (milliseconds::rep is long on LP64 Linux).
        const long connect_ms = m_options.connect_timeout.count();
        const long total_ms = total.count();
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, total_ms);
        curl_easy_setopt(
            easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_options.max_body_bytes));
        curl_easy_setopt(easy, CURLOPT_USERAGENT, m_options.user_agent.c_str());
        curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error_text.data());
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
        if (request.method == "GET") {
            curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        } else {
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(
                easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            if (request.method != "POST") {
                curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
            }
        }
        // No "Expect: 100-continue" round trip for the small bodies we send.
        transfer->header_list = curl_slist_append(transfer->header_list, "Expect:");
        for (const auto& [name, value] : request.headers) {
            const auto line = fmt::format("{}: {}", name, value);
            transfer->header_list = curl_slist_append(transfer->header_list, line.c_str());
        }
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->header_list);
        if (curl_multi_add_handle(m_multi, easy) != CURLM_OK) {
            complete(*transfer, tl::unexpected(failure(Failure::Kind::network, "curl add")));
            return;
        }
        active.emplace(easy, std::move(transfer));
    }

    // Hands the outcome to the loop. The handler runs there, never on this thread.
    void complete(Transfer& transfer, Response response) {
        boost::asio::post(
            m_executor,
            [handler = std::move(transfer.on_done), response = std::move(response)]() mutable {
                try {
                    handler(std::move(response));
                } catch (const std::exception& error) {
                    // A handler bug must not unwind out of the loop's run().
                    fmt::print(stderr, "http: completion handler threw: {}\n", error.what());
                }
            });
    }

    boost::asio::any_io_executor m_executor;
    CurlOptions m_options;
    CURLM* m_multi = nullptr;
    std::mutex m_mutex;
    std::deque<std::unique_ptr<Transfer>> m_incoming;
    bool m_is_stopping = false;
    std::thread m_worker;
};

CurlClient::CurlClient(boost::asio::any_io_executor executor, CurlOptions options)
    : m_impl(std::make_unique<Impl>(std::move(executor), std::move(options))) {}

CurlClient::~CurlClient() = default;

void CurlClient::fetch(Request request, Handler on_done) {
    m_impl->fetch(std::move(request), std::move(on_done));
}

void CurlClient::shutdown() {
    m_impl->shutdown();
}

} // namespace vtrguard::http
