#include "fake_carrier_server.hpp"

#include "fake_bodies.hpp"

#include <vtrguard/core/asio.hpp>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <rapidjson/document.h>

#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>

namespace vtrguard::fakes {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

struct Answer {
    FakeReply reply;
    std::chrono::milliseconds delay{0};
    bool is_truncated = false;
    std::optional<Fault> fault; // the misbehaviour served, for the counts and the request log
};

// Longer than any client timeout the tests and the soak set, so only the client ends the
// exchange; short enough that hung sockets do not pile up to the descriptor limit.
constexpr std::chrono::seconds k_hang{30};

const std::map<std::string_view, Fault>& fault_names() {
    static const std::map<std::string_view, Fault> k_names{
        {"unauthorized", Fault::unauthorized},
        {"rate_limited", Fault::rate_limited},
        {"retry_after", Fault::retry_after},
        {"server_error", Fault::server_error},
        {"slow", Fault::slow},
        {"truncated", Fault::truncated},
        {"not_json", Fault::not_json},
        {"huge", Fault::huge},
        {"refused_cut", Fault::refused_cut},
        {"refused_html", Fault::refused_html},
        {"hang", Fault::hang},
    };
    return k_names;
}

std::string_view query_value(std::string_view query, std::string_view key) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == key) {
            return pair.substr(eq + 1);
        }
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    }
    return {};
}

// Decodes base64 (no validation beyond the alphabet; the fake only compares the result).
std::string unbase64(std::string_view text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z') {
            value = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            value = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            value = c - '0' + 52;
        } else if (c == '+') {
            value = 62;
        } else if (c == '/') {
            value = 63;
        }
        if (value < 0) {
            continue;
        }
        buffer = (buffer << 6U) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
        }
    }
    return out;
}

// Numbers in a JSON body: FedEx trackingInfo[].trackingNumberInfo.trackingNumber or a
// 17TRACK array of {"number"}.
std::vector<std::string> body_numbers(const std::string& body) {
    rapidjson::Document document;
    document.Parse(body.c_str());
    std::vector<std::string> numbers;
    if (document.HasParseError()) {
        return numbers;
    }
    const rapidjson::Value* list = &document;
    if (document.IsObject() && document.HasMember("trackingInfo")) {
        list = &document["trackingInfo"];
    }
    if (!list->IsArray()) {
        return numbers;
    }
    for (const auto& item : list->GetArray()) {
        if (!item.IsObject()) {
            continue;
        }
        if (item.HasMember("number") && item["number"].IsString()) {
            numbers.emplace_back(item["number"].GetString());
        } else if (item.HasMember("trackingNumberInfo") && item["trackingNumberInfo"].IsObject()
                   && item["trackingNumberInfo"].HasMember("trackingNumber")
                   && item["trackingNumberInfo"]["trackingNumber"].IsString()) {
            numbers.emplace_back(item["trackingNumberInfo"]["trackingNumber"].GetString());
        }
    }
    return numbers;
}

} // namespace

bool parse_shipment(std::string_view name, Shipment& out) {
    static const std::map<std::string_view, Shipment> k_names{
        {"not_found", Shipment::not_found},
        {"not_found_404", Shipment::not_found_404},
        {"label_created", Shipment::label_created},
        {"found_with_scans", Shipment::found_with_scans},
        {"out_for_delivery", Shipment::out_for_delivery},
        {"delivered", Shipment::delivered},
        {"returned", Shipment::returned},
        {"exception", Shipment::exception},
        {"forbidden", Shipment::forbidden},
    };
    const auto found = k_names.find(name);
    if (found == k_names.end()) {
        return false;
    }
    out = found->second;
    return true;
}

bool parse_fault(std::string_view name, Fault& out) {
    const auto found = fault_names().find(name);
    if (found == fault_names().end()) {
        return false;
    }
    out = found->second;
    return true;
}

std::string_view fault_name(Fault fault) {
    for (const auto& [name, value] : fault_names()) {
        if (value == fault) {
            return name;
        }
    }
    return "unknown";
}

class FakeCarrierServer::Impl {
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
    std::map<std::string, Shipment> m_shipments;
    Shipment m_default = Shipment::not_found;
    std::map<std::string, std::deque<Fault>> m_faults;
    std::chrono::seconds m_retry_after{1};
    std::chrono::milliseconds m_slow{3000};
    std::size_t m_huge_bytes = std::size_t{6} << 20;
    std::chrono::seconds m_token_lifetime{14399};
    std::set<std::string> m_tokens;
    int m_token_serial = 0;
    std::map<std::string, std::size_t> m_requests;
    std::map<std::string, std::size_t> m_token_requests;
    std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> m_times;
    std::map<std::string, std::vector<std::size_t>> m_batches;
    std::map<std::string, std::map<std::string, std::size_t>> m_number_requests;
    std::map<Fault, std::size_t> m_faults_served;
    double m_random_fraction = 0.0;
    std::vector<Fault> m_random_faults;
    std::mt19937 m_random{1};
    std::ofstream m_request_log;
    std::uint16_t m_port = 0;

private:
    class Session;

    void accept();

    Shipment shipment_of(const std::string& number) const {
        const auto found = m_shipments.find(number);
        return found == m_shipments.end() ? m_default : found->second;
    }

    std::optional<Answer> take_fault(const std::string& api);
    std::optional<Answer> take_fault(const std::string& endpoint, const std::string& api);
    std::optional<Fault> next_fault(const std::string& endpoint, const std::string& api);
    Answer fault_answer(const std::string& api, Fault fault) const;
    void log_request(const std::string& endpoint,
                     const std::vector<std::string>& numbers,
                     const Answer& answer);
    Answer token(const std::string& api, bool is_authorized, bool as_string);
    Answer track(const std::string& api,
                 const std::string& endpoint,
                 const std::vector<std::string>& numbers,
                 bool is_authorized,
                 const std::function<FakeReply(const NumberShipments&)>& render);

    boost::asio::io_context m_io;
    tcp::acceptor m_acceptor;
    std::thread m_thread;
};

class FakeCarrierServer::Impl::Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Impl& server)
        : m_socket(std::move(socket))
        , m_timer(m_socket.get_executor())
        , m_server(server) {}

    void read() {
        m_request = {};
        bhttp::async_read(m_socket,
                          m_buffer,
                          m_request,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                              if (!error) {
                                  self->on_request();
                              }
                          });
    }

private:
    void on_request() {
        m_answer = m_server.handle(m_request);
        if (m_answer.delay.count() > 0) {
            m_timer.expires_after(m_answer.delay);
            m_timer.async_wait([self = shared_from_this()](beast::error_code error) {
                if (!error) {
                    self->respond();
                }
            });
            return;
        }
        respond();
    }

    void respond() {
        if (m_answer.is_truncated) {
            m_raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n"
                    "\r\n{\"trackResponse\":{\"shipm";
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
        m_response.result(static_cast<unsigned>(m_answer.reply.status));
        m_response.set(bhttp::field::content_type, "application/json");
        for (const auto& [name, value] : m_answer.reply.headers) {
            m_response.set(name, value);
        }
        m_response.body() = std::move(m_answer.reply.body);
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
    boost::asio::steady_timer m_timer;
    Impl& m_server;
    beast::flat_buffer m_buffer;
    bhttp::request<bhttp::string_body> m_request;
    bhttp::response<bhttp::string_body> m_response;
    Answer m_answer;
    std::string m_raw;
};

void FakeCarrierServer::Impl::accept() {
    m_acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
        if (error) {
            return; // closed
        }
        std::make_shared<Session>(std::move(socket), *this)->read();
        accept();
    });
}

std::optional<Fault> FakeCarrierServer::Impl::next_fault(const std::string& endpoint,
                                                         const std::string& api) {
    for (const auto* name : {&endpoint, &api}) {
        auto& queue = m_faults[*name];
        if (!queue.empty()) {
            const auto fault = queue.front();
            queue.pop_front();
            return fault;
        }
    }
    return std::nullopt;
}

Answer FakeCarrierServer::Impl::fault_answer(const std::string& api, Fault fault) const {
    const auto base = api.substr(0, api.find('_'));
    Answer answer;
    answer.fault = fault;
    switch (fault) {
    case Fault::unauthorized:
        answer.reply = error_reply(base, 401);
        break;
    case Fault::rate_limited:
        answer.reply = error_reply(base, 429);
        break;
    case Fault::retry_after:
        answer.reply = error_reply(base, 429);
        answer.reply.headers.emplace_back("Retry-After", std::to_string(m_retry_after.count()));
        break;
    case Fault::server_error:
        answer.reply = error_reply(base, 500);
        break;
    case Fault::slow:
        answer.delay = m_slow; // the normal answer, late: filled in by the caller
        break;
    case Fault::hang:
        answer.delay = k_hang;
        break;
    case Fault::truncated:
        answer.is_truncated = true;
        break;
    case Fault::not_json:
        answer.reply = {200, "<html><body>Service temporarily unavailable</body></html>", {}};
        break;
    case Fault::huge:
        answer.reply = {200, "{\"padding\":\"" + std::string(m_huge_bytes, 'x') + "\"}", {}};
        break;
    case Fault::refused_cut: {
        const auto whole = error_reply(base, 400).body;
        answer.reply = {400, whole.substr(0, whole.size() / 2), {}};
        break;
    }
    case Fault::refused_html:
        answer.reply = {400, "<html><body><h1>400 Bad Request</h1></body></html>", {}};
        break;
    }
    return answer;
}

std::optional<Answer> FakeCarrierServer::Impl::take_fault(const std::string& api) {
    return take_fault(api, api);
}

std::optional<Answer> FakeCarrierServer::Impl::take_fault(const std::string& endpoint,
                                                          const std::string& api) {
    auto fault = next_fault(endpoint, api);
    const bool is_tracking = !api.ends_with("_token");
    if (!fault && is_tracking && m_random_fraction > 0 && !m_random_faults.empty()) {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        if (unit(m_random) < m_random_fraction) {
            std::uniform_int_distribution<std::size_t> pick(0, m_random_faults.size() - 1);
            fault = m_random_faults[pick(m_random)];
        }
    }
    if (!fault) {
        return std::nullopt;
    }
    ++m_faults_served[*fault];
    return fault_answer(api, *fault);
}

void FakeCarrierServer::Impl::log_request(const std::string& endpoint,
                                          const std::vector<std::string>& numbers,
                                          const Answer& answer) {
    if (!m_request_log.is_open()) {
        return;
    }
    m_request_log << endpoint << '\t' << fmt::format("{}", fmt::join(numbers, ",")) << '\t'
                  << (answer.fault ? fault_name(*answer.fault) : std::string_view("ok")) << '\t'
                  << answer.reply.status << '\n'
                  << std::flush;
}

Answer FakeCarrierServer::Impl::token(const std::string& api, bool is_authorized, bool as_string) {
    ++m_token_requests[api];
    auto fault = take_fault(api + "_token");
    if (fault && fault->delay.count() == 0) {
        return *fault;
    }
    Answer answer;
    if (!is_authorized) {
        answer.reply = {401, R"({"error":"invalid_client","error_description":"bad client"})", {}};
    } else {
        const auto token = fmt::format("tok-{}-{}", api, ++m_token_serial);
        m_tokens.insert(token);
        answer.reply = token_reply(token, m_token_lifetime.count(), as_string);
    }
    if (fault) {
        answer.delay = fault->delay;
        answer.fault = fault->fault;
    }
    return answer;
}

Answer
FakeCarrierServer::Impl::track(const std::string& api,
                               const std::string& endpoint,
                               const std::vector<std::string>& numbers,
                               bool is_authorized,
                               const std::function<FakeReply(const NumberShipments&)>& render) {
    ++m_requests[api];
    m_times[api].push_back(std::chrono::steady_clock::now());
    m_batches[api].push_back(numbers.size());
    auto& per_number = m_number_requests[api];
    for (const auto& number : numbers) {
        ++per_number[number];
    }
    auto answer = [&] {
        auto fault = take_fault(endpoint, api);
        if (fault && fault->delay.count() == 0) {
            return *fault;
        }
        Answer normal;
        if (!is_authorized) {
            normal.reply = error_reply(api, 401);
        } else {
            NumberShipments items;
            for (const auto& number : numbers) {
                items.emplace_back(number, shipment_of(number));
            }
            normal.reply = render(items);
        }
        if (fault) {
            normal.delay = fault->delay;
            normal.fault = fault->fault;
        }
        return normal;
    }();
    log_request(endpoint, numbers, answer);
    return answer;
}

Answer FakeCarrierServer::Impl::handle(const bhttp::request<bhttp::string_body>& request) {
    const std::lock_guard lock(m_mutex);
    const std::string_view target(request.target().data(), request.target().size());
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    const auto query =
        question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    const auto header = [&](std::string_view name) {
        const auto found = request.find(beast::string_view(name.data(), name.size()));
        return found == request.end() ? std::string() : std::string(found->value());
    };
    const auto bearer = header("Authorization");
    const bool has_token = bearer.starts_with("Bearer ") && m_tokens.count(bearer.substr(7)) > 0;
    const std::string secret(k_fake_secret);
    const std::string client_id(k_fake_client_id);
    const auto& body = request.body();

    if (path == "/security/v1/oauth/token") {
        const bool is_ok = bearer.starts_with("Basic ")
                           && unbase64(bearer.substr(6)) == client_id + ":" + secret
                           && body == "grant_type=client_credentials";
        return token("ups", is_ok, true);
    }
    if (path == "/oauth/token") {
        const bool is_ok = body.find("client_secret=" + secret) != std::string::npos
                           && body.find("client_id=" + client_id) != std::string::npos;
        return token("fedex", is_ok, false);
    }
    if (path == "/oauth2/v3/token") {
        const bool is_ok = body.find("\"client_secret\":\"" + secret + "\"") != std::string::npos;
        return token("usps", is_ok, true);
    }
    if (path.starts_with("/api/track/v1/details/")) {
        if (header("transId").empty() || header("transactionSrc").empty()) {
            return Answer{error_reply("ups", 400), {}, false};
        }
        const std::string number(path.substr(22));
        return track("ups", "ups", {number}, has_token, [](const NumberShipments& items) {
            return ups_reply(items.front().first, items.front().second);
        });
    }
    if (path == "/track/v1/trackingnumbers") {
        const auto numbers = body_numbers(body);
        if (numbers.size() > 30) {
            return Answer{
                {400, R"({"errors":[{"code":"TRACKING.TRACKINGNUMBERS.LIMITEXCEEDED"}]})", {}},
                {},
                false};
        }
        return track("fedex", "fedex", numbers, has_token, fedex_reply);
    }
    if (path.starts_with("/tracking/v3/tracking/")) {
        const std::string number(path.substr(22));
        return track("usps", "usps", {number}, has_token, [](const NumberShipments& items) {
            return usps_reply(items.front().first, items.front().second);
        });
    }
    if (path == "/track/shipments") {
        const std::string number(query_value(query, "trackingNumber"));
        const bool has_service = !query_value(query, "service").empty();
        return track("dhl",
                     "dhl",
                     {number},
                     header("DHL-API-Key") == secret && has_service,
                     [](const NumberShipments& items) {
                         return dhl_reply(items.front().first, items.front().second);
                     });
    }
    if (path == "/track/v2.2/register" || path == "/track/v2.2/gettrackinfo") {
        const auto numbers = body_numbers(body);
        if (numbers.size() > 40) {
            return Answer{{200, R"({"code":-18010014,"data":{}})", {}}, {}, false};
        }
        const bool is_register = path == "/track/v2.2/register";
        return track("17track",
                     is_register ? "17track_register" : "17track_gettrackinfo",
                     numbers,
                     header("17token") == secret,
                     is_register ? track17_register_reply : track17_info_reply);
    }
    return Answer{{404, R"({"title":"no such endpoint"})", {}}, {}, false};
}

FakeCarrierServer::FakeCarrierServer(std::uint16_t port)
    : m_impl(std::make_unique<Impl>(port)) {}

FakeCarrierServer::~FakeCarrierServer() = default;

std::uint16_t FakeCarrierServer::port() const {
    return m_impl->m_port;
}

std::string FakeCarrierServer::url() const {
    return fmt::format("http://127.0.0.1:{}", port());
}

void FakeCarrierServer::set_shipment(const std::string& number, Shipment shipment) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_shipments[number] = shipment;
}

void FakeCarrierServer::set_default_shipment(Shipment shipment) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_default = shipment;
}

void FakeCarrierServer::push_fault(const std::string& api, Fault fault, int times) {
    const std::lock_guard lock(m_impl->m_mutex);
    for (int i = 0; i < times; ++i) {
        m_impl->m_faults[api].push_back(fault);
    }
}

void FakeCarrierServer::set_retry_after(std::chrono::seconds seconds) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_retry_after = seconds;
}

void FakeCarrierServer::set_slow_delay(std::chrono::milliseconds delay) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_slow = delay;
}

void FakeCarrierServer::set_huge_bytes(std::size_t bytes) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_huge_bytes = bytes;
}

void FakeCarrierServer::set_token_lifetime(std::chrono::seconds lifetime) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_token_lifetime = lifetime;
}

void FakeCarrierServer::expire_tokens() {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_tokens.clear();
}

std::size_t FakeCarrierServer::requests(const std::string& api) const {
    const std::lock_guard lock(m_impl->m_mutex);
    const auto found = m_impl->m_requests.find(api);
    return found == m_impl->m_requests.end() ? 0 : found->second;
}

std::size_t FakeCarrierServer::token_requests(const std::string& api) const {
    const std::lock_guard lock(m_impl->m_mutex);
    const auto found = m_impl->m_token_requests.find(api);
    return found == m_impl->m_token_requests.end() ? 0 : found->second;
}

std::vector<std::chrono::steady_clock::time_point>
FakeCarrierServer::request_times(const std::string& api) const {
    const std::lock_guard lock(m_impl->m_mutex);
    const auto found = m_impl->m_times.find(api);
    return found == m_impl->m_times.end() ? std::vector<std::chrono::steady_clock::time_point>{}
                                          : found->second;
}

void FakeCarrierServer::set_random_faults(double fraction,
                                          std::vector<Fault> faults,
                                          std::uint32_t seed) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_random_fraction = fraction;
    m_impl->m_random_faults = std::move(faults);
    m_impl->m_random.seed(seed);
}

void FakeCarrierServer::set_request_log(const std::string& path) {
    const std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_request_log.open(path, std::ios::app);
}

std::size_t FakeCarrierServer::requests_for(const std::string& api,
                                            const std::string& number) const {
    const std::lock_guard lock(m_impl->m_mutex);
    const auto found = m_impl->m_number_requests.find(api);
    if (found == m_impl->m_number_requests.end()) {
        return 0;
    }
    const auto count = found->second.find(number);
    return count == found->second.end() ? 0 : count->second;
}

std::size_t FakeCarrierServer::faults_served(Fault fault) const {
    const std::lock_guard lock(m_impl->m_mutex);
    const auto found = m_impl->m_faults_served.find(fault);
    return found == m_impl->m_faults_served.end() ? 0 : found->second;
}

std::vector<std::size_t> FakeCarrierServer::batch_sizes(const std::string& api) const {
    const std::lock_guard lock(m_impl->m_mutex);
    const auto found = m_impl->m_batches.find(api);
    return found == m_impl->m_batches.end() ? std::vector<std::size_t>{} : found->second;
}

} // namespace vtrguard::fakes
