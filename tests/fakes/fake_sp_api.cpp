#include "fake_sp_api.hpp"

#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/time.hpp>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace vtrguard::fakes {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

struct Answer {
    int status = 200;
    std::string body;
    bool is_cut = false;
};

std::string url_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            out.push_back(
                static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else if (text[i] == '+') {
            out.push_back(' ');
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> values;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos) {
            values[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
        }
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    }
    return values;
}

std::string sp_error(std::string_view code, std::string_view message) {
    return fmt::format(
        R"({{"errors":[{{"code":"{}","message":"{}","details":""}}]}})", code, message);
}

std::string time_json(const std::optional<core::TimePoint>& time) {
    return time ? fmt::format("\"{}\"", core::format_instant(*time)) : "null";
}

std::string render_order(const FakeSpOrder& order, bool without_created) {
    std::string packages;
    for (const auto& package : order.packages) {
        packages +=
            fmt::format(R"({}{{"packageReferenceId":"{}","carrier":"{}","trackingNumber":"{}",)"
                        R"("shipTime":{},"packageStatus":{{"status":"{}","detailedStatus":"{}"}},)"
                        R"("packageItems":[{{"orderItemId":"1","quantity":1}}]}})",
                        packages.empty() ? "" : ",",
                        package.reference,
                        package.carrier,
                        package.tracking_number,
                        time_json(package.ship_time),
                        package.status,
                        package.detailed_status);
    }
    return fmt::format(
        R"({{"orderId":"{}",{}"lastUpdatedTime":"{}",)"
        R"("salesChannel":{{"channelName":"Amazon.com","marketplaceId":"{}","marketplaceName":"Amazon.com"}},)"
        R"("fulfillment":{{"fulfillmentStatus":"{}","fulfilledBy":"MERCHANT",)"
        R"("fulfillmentServiceLevel":"Standard","shipByWindow":{{"latestDateTime":{}}},)"
        R"("deliverByWindow":{{"latestDateTime":{}}}}},)"
        R"("orderItems":[{{"orderItemId":"1","quantityOrdered":1,"product":{{"asin":"B000000001"}}}}],)"
        R"("packages":[{}]}})",
        order.order_id,
        without_created
            ? ""
            : fmt::format(R"("createdTime":"{}",)", core::format_instant(order.created)),
        core::format_instant(order.last_updated),
        order.marketplace_id,
        order.status,
        time_json(order.ship_by),
        time_json(order.deliver_by),
        packages);
}

} // namespace

class FakeSpApi::Impl {
public:
    explicit Impl(std::uint16_t port)
        : m_acceptor(m_io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port)) {
        m_port = m_acceptor.local_endpoint().port();
        accept();
        m_thread = std::thread([this] { m_io.run(); });
    }

    ~Impl() {
        boost::asio::post(m_io, [this] {
            boost::system::error_code ignored;
            m_acceptor.close(ignored);
        });
        m_io.stop();
        m_thread.join();
    }

    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    Answer handle(const bhttp::request<bhttp::string_body>& request);

    mutable std::mutex m_mutex;
    std::map<std::string, FakeSpOrder> m_orders;
    int m_page_size = 100;
    double m_rate = 0;
    double m_burst = 1;
    double m_tokens_left = 1;
    std::chrono::steady_clock::time_point m_refilled = std::chrono::steady_clock::now();
    std::deque<SpFault> m_faults;
    std::chrono::seconds m_token_lifetime{3600};
    std::map<std::string, std::chrono::steady_clock::time_point> m_access_tokens; // to expiry
    int m_token_serial = 0;
    bool m_refuse_refresh = false;
    std::size_t m_search_requests = 0;
    std::size_t m_token_requests = 0;
    std::size_t m_throttled = 0;
    std::vector<std::string> m_rule_breaks;
    std::vector<std::string> m_queries;
    std::uint16_t m_port = 0;

private:
    class Session;

    void accept();
    Answer token(const std::string& body);
    Answer search(const std::map<std::string, std::string>& query, const std::string& token);

    Answer invalid(std::string why) {
        m_rule_breaks.push_back(why);
        return {400, sp_error("InvalidInput", why)};
    }

    bool take_quota();

    boost::asio::io_context m_io;
    tcp::acceptor m_acceptor;
    std::thread m_thread;
};

class FakeSpApi::Impl::Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Impl& server)
        : m_socket(std::move(socket))
        , m_server(server) {}

    void read() {
        m_request = {};
        bhttp::async_read(m_socket,
                          m_buffer,
                          m_request,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                              if (!error) {
                                  self->respond(self->m_server.handle(self->m_request));
                              }
                          });
    }

private:
    void respond(Answer answer) {
        if (answer.is_cut) {
            m_raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n"
                    "\r\n{\"orders\":[{\"orderId\":\"113-";
            boost::asio::async_write(
                m_socket, boost::asio::buffer(m_raw), [self = shared_from_this()](auto, auto) {
                    boost::system::error_code ignored;
                    self->m_socket.shutdown(tcp::socket::shutdown_both, ignored);
                    self->m_socket.close(ignored);
                });
            return;
        }
        m_response = {};
        m_response.version(11);
        m_response.result(static_cast<unsigned>(answer.status));
        m_response.set(bhttp::field::content_type, "application/json");
        m_response.set("x-amzn-RequestId", "fake-request");
        m_response.body() = std::move(answer.body);
        m_response.keep_alive(m_request.keep_alive());
        m_response.prepare_payload();
        bhttp::async_write(m_socket,
                           m_response,
                           [self = shared_from_this()](beast::error_code error, std::size_t) {
                               if (error || !self->m_response.keep_alive()) {
                                   boost::system::error_code ignored;
                                   self->m_socket.shutdown(tcp::socket::shutdown_both, ignored);
                                   return;
                               }
                               self->read();
                           });
    }

    tcp::socket m_socket;
    Impl& m_server;
    beast::flat_buffer m_buffer;
    bhttp::request<bhttp::string_body> m_request;
    bhttp::response<bhttp::string_body> m_response;
    std::string m_raw;
};

void FakeSpApi::Impl::accept() {
    m_acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
        if (error) {
            return;
        }
        std::make_shared<Session>(std::move(socket), *this)->read();
        accept();
    });
}

bool FakeSpApi::Impl::take_quota() {
    if (m_rate <= 0) {
        return true;
    }
    const auto now = std::chrono::steady_clock::now();
    const std::chrono::duration<double> elapsed = now - m_refilled;
    m_refilled = now;
    m_tokens_left = std::min(m_burst, m_tokens_left + elapsed.count() * m_rate);
    if (m_tokens_left < 1) {
        return false;
    }
    m_tokens_left -= 1;
    return true;
}

Answer FakeSpApi::Impl::token(const std::string& body) {
    ++m_token_requests;
    const auto form = parse_query(body);
    const auto value = [&](const std::string& key) {
        const auto found = form.find(key);
        return found == form.end() ? std::string() : found->second;
    };
    if (value("grant_type") != "refresh_token") {
        return {400, R"({"error":"unsupported_grant_type","error_description":"grant_type"})"};
    }
    if (value("client_id") != k_fake_lwa_client || value("client_secret") != k_fake_lwa_secret) {
        return {401,
                R"({"error":"invalid_client","error_description":"Client authentication failed"})"};
    }
    if (m_refuse_refresh || value("refresh_token") != k_fake_refresh_token) {
        return {
            400,
            R"({"error":"invalid_grant","error_description":"The request has an invalid grant parameter : refresh_token"})"};
    }
    const auto token = fmt::format("Atza|fake-access-{}", ++m_token_serial);
    m_access_tokens[token] = std::chrono::steady_clock::now() + m_token_lifetime;
    return {
        200,
        fmt::format(
            R"({{"access_token":"{}","refresh_token":"{}","token_type":"bearer","expires_in":{}}})",
            token,
            k_fake_refresh_token,
            m_token_lifetime.count())};
}

Answer FakeSpApi::Impl::search(const std::map<std::string, std::string>& query,
                               const std::string& token) {
    ++m_search_requests;
    const auto found = m_access_tokens.find(token);
    if (found == m_access_tokens.end() || found->second <= std::chrono::steady_clock::now()) {
        return {
            403,
            R"({"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":"The access token you provided has expired."}]})"};
    }
    std::optional<SpFault> fault;
    if (!m_faults.empty()) {
        fault = m_faults.front();
        m_faults.pop_front();
    }
    if (fault == SpFault::expired_token) {
        return {
            403,
            R"({"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":"The access token you provided has expired."}]})"};
    }
    if (fault == SpFault::quota_exceeded || !take_quota()) {
        ++m_throttled;
        return {429,
                sp_error("QuotaExceeded", "You exceeded your quota for the requested resource.")};
    }
    if (fault == SpFault::server_error) {
        return {503, sp_error("ServiceUnavailable", "Service temporarily unavailable")};
    }
    if (fault == SpFault::cut_body) {
        return {200, {}, true};
    }
    if (fault == SpFault::not_json) {
        return {200, "<html><body>Service temporarily unavailable</body></html>"};
    }
    const auto get = [&](const std::string& key) -> std::optional<std::string> {
        const auto value = query.find(key);
        return value == query.end() ? std::nullopt : std::optional(value->second);
    };
    const auto marketplaces = get("marketplaceIds");
    if (!marketplaces || marketplaces->empty()) {
        return invalid("marketplaceIds is required");
    }
    const auto created_after = get("createdAfter");
    const auto updated_after = get("lastUpdatedAfter");
    if (created_after.has_value() == updated_after.has_value()) {
        return invalid("exactly one of createdAfter and lastUpdatedAfter is required");
    }
    const auto after = core::parse_instant(created_after ? *created_after : *updated_after);
    if (!after) {
        return invalid("createdAfter/lastUpdatedAfter is not ISO 8601");
    }
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    std::optional<core::TimePoint> before;
    for (const auto* key : {"createdBefore", "lastUpdatedBefore"}) {
        const auto value = get(key);
        if (!value) {
            continue;
        }
        const bool is_created = std::string_view(key) == "createdBefore";
        if (is_created != created_after.has_value()) {
            return invalid(fmt::format("{} cannot be mixed with the other family", key));
        }
        auto parsed = core::parse_instant(*value);
        if (!parsed || *parsed > now - std::chrono::minutes{2}) {
            return invalid(fmt::format("{} must be at least 2 minutes in the past", key));
        }
        before = *parsed;
    }
    const auto included = get("includedData").value_or("");
    if (included.find("BUYER") != std::string::npos
        || included.find("RECIPIENT") != std::string::npos) {
        m_rule_breaks.push_back("buyer data asked for: " + included);
    }
    int page_size = 100;
    if (const auto max = get("maxResultsPerPage")) {
        page_size = std::atoi(max->c_str());
        if (page_size < 1 || page_size > 100) {
            return invalid("maxResultsPerPage must be 1-100");
        }
    }
    page_size = std::min(page_size, m_page_size);
    std::size_t offset = 0;
    if (const auto token_value = get("paginationToken")) {
        if (!token_value->starts_with("fake-page-")) {
            return invalid("paginationToken was not issued");
        }
        offset = std::stoul(token_value->substr(10));
    }
    std::vector<const FakeSpOrder*> matching;
    for (const auto& [id, order] : m_orders) {
        const auto time = created_after ? order.created : order.last_updated;
        if (time >= *after && (!before || time < *before)
            && marketplaces->find(order.marketplace_id) != std::string::npos) {
            matching.push_back(&order);
        }
    }
    std::sort(matching.begin(), matching.end(), [&](const auto* a, const auto* b) {
        const auto ta = created_after ? a->created : a->last_updated;
        const auto tb = created_after ? b->created : b->last_updated;
        return ta != tb ? ta < tb : a->order_id < b->order_id;
    });
    std::string orders;
    const auto end = std::min(matching.size(), offset + static_cast<std::size_t>(page_size));
    for (std::size_t i = offset; i < end; ++i) {
        orders += (i == offset ? "" : ",")
                  + render_order(*matching[i], fault == SpFault::missing_fields && i == offset);
    }
    const auto bound = core::format_instant(before.value_or(now));
    std::string body = fmt::format(R"({{"orders":[{}],)", orders);
    if (end < matching.size()) {
        body += fmt::format(R"("pagination":{{"nextToken":"fake-page-{}"}},)", end);
    }
    body += created_after ? fmt::format(R"("createdBefore":"{}"}})", bound)
                          : fmt::format(R"("lastUpdatedBefore":"{}"}})", bound);
    return {200, body};
}

Answer FakeSpApi::Impl::handle(const bhttp::request<bhttp::string_body>& request) {
    const std::lock_guard lock(m_mutex);
    const std::string_view target(request.target().data(), request.target().size());
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    const auto query =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    if (path == "/auth/o2/token" && request.method() == bhttp::verb::post) {
        return token(request.body());
    }
    if (path == "/orders/2026-01-01/orders" && request.method() == bhttp::verb::get) {
        m_queries.emplace_back(target);
        const auto header = request.find("x-amz-access-token");
        return search(parse_query(query),
                      header == request.end() ? std::string() : std::string(header->value()));
    }
    return {404, sp_error("NotFound", "no such resource")};
}

FakeSpApi::FakeSpApi(std::uint16_t port)
    : m_impl(std::make_unique<Impl>(port)) {}

FakeSpApi::~FakeSpApi() = default;

std::string FakeSpApi::url() const {
    return fmt::format("http://127.0.0.1:{}", m_impl->m_port);
}

std::string FakeSpApi::token_url() const {
    return url() + "/auth/o2/token";
}

void FakeSpApi::put_order(FakeSpOrder order) {
    const std::lock_guard lock(m_impl->m_mutex);
    auto id = order.order_id;
    m_impl->m_orders[id] = std::move(order);
}

void FakeSpApi::set_page_size(int size) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_page_size = size;
}

void FakeSpApi::set_rate_limit(double requests_per_second, double burst) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_rate = requests_per_second;
    m_impl->m_burst = burst;
    m_impl->m_tokens_left = burst;
    m_impl->m_refilled = std::chrono::steady_clock::now();
}

void FakeSpApi::push_fault(SpFault fault, int times) {
    const std::lock_guard lock(m_impl->m_mutex);
    for (int i = 0; i < times; ++i) {
        m_impl->m_faults.push_back(fault);
    }
}

void FakeSpApi::set_token_lifetime(std::chrono::seconds lifetime) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_token_lifetime = lifetime;
}

void FakeSpApi::expire_tokens() {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_access_tokens.clear();
}

void FakeSpApi::set_refuse_refresh_token(bool refuse) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_refuse_refresh = refuse;
}

std::size_t FakeSpApi::search_requests() const {
    const std::lock_guard lock(m_impl->m_mutex);
    return m_impl->m_search_requests;
}

std::size_t FakeSpApi::token_requests() const {
    const std::lock_guard lock(m_impl->m_mutex);
    return m_impl->m_token_requests;
}

std::size_t FakeSpApi::throttled() const {
    const std::lock_guard lock(m_impl->m_mutex);
    return m_impl->m_throttled;
}

std::vector<std::string> FakeSpApi::rule_breaks() const {
    const std::lock_guard lock(m_impl->m_mutex);
    return m_impl->m_rule_breaks;
}

std::vector<std::string> FakeSpApi::queries() const {
    const std::lock_guard lock(m_impl->m_mutex);
    return m_impl->m_queries;
}

} // namespace vtrguard::fakes
