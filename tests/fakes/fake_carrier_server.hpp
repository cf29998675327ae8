#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::fakes {

// What the fake says about a number. Each API renders it in its own documented shape.
enum class Shipment : std::uint8_t {
    not_found,        // UPS: 200 + TW0001; FedEx: item error; USPS/DHL: 404; 17TRACK: NotFound
    not_found_404,    // UPS's documented 404 form (others as not_found)
    label_created,    // only the electronic label/manifest event
    found_with_scans, // label, pickup and an arrival scan: in transit
    out_for_delivery,
    delivered,
    returned,
    exception,
    forbidden, // USPS 403 MID gate (others as not_found)
};

// A scripted misbehaviour of the next tracking (or token) request of one API.
enum class Fault : std::uint8_t {
    unauthorized, // 401 as if the token expired
    rate_limited, // 429 without Retry-After
    retry_after,  // 429 with Retry-After: `retry_after` seconds
    server_error, // 500
    slow,         // answers normally after `slow_delay`
    truncated,    // Content-Length promises more than is sent, then the socket closes
    not_json,     // 200 with an HTML page
    huge,         // 200 with a body of `huge_bytes`
    refused_cut,  // 400 whose JSON body stops half-way (Content-Length matches what is sent)
    refused_html, // 400 with an HTML page, as a proxy in front of the API sends
    hang,         // no answer at all: the client's timeout has to end it
};

// Every fault, in declaration order: what random failure injection picks from.
inline constexpr Fault k_all_faults[] = {Fault::unauthorized,
                                         Fault::rate_limited,
                                         Fault::retry_after,
                                         Fault::server_error,
                                         Fault::slow,
                                         Fault::truncated,
                                         Fault::not_json,
                                         Fault::huge,
                                         Fault::refused_cut,
                                         Fault::refused_html,
                                         Fault::hang};

std::string_view fault_name(Fault fault);

// Parses a name as used in scenario files (`found_with_scans`, `retry_after`…).
bool parse_shipment(std::string_view name, Shipment& out);
bool parse_fault(std::string_view name, Fault& out);

// The credentials the fake accepts for every API.
inline constexpr std::string_view k_fake_client_id = "fake-client";
inline constexpr std::string_view k_fake_secret = "fake-secret-3f9a1c";

// A real HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel) speaking the UPS, FedEx,
// USPS, DHL unified and 17TRACK tracking APIs, token endpoints included, on its own thread.
// Tests script it; every method is thread-safe.
class FakeCarrierServer {
public:
    explicit FakeCarrierServer(std::uint16_t port = 0);
    ~FakeCarrierServer();
    FakeCarrierServer(const FakeCarrierServer&) = delete;
    FakeCarrierServer& operator=(const FakeCarrierServer&) = delete;
    FakeCarrierServer(FakeCarrierServer&&) = delete;
    FakeCarrierServer& operator=(FakeCarrierServer&&) = delete;

    std::uint16_t port() const;
    std::string url() const; // http://127.0.0.1:port

    void set_shipment(const std::string& number, Shipment shipment);
    void set_default_shipment(Shipment shipment); // for numbers never set (default: not_found)

    // The next `times` tracking requests to `api` misbehave (`api` + "_token" for its token
    // endpoint, e.g. "ups_token"; "17track_register" or "17track_gettrackinfo" for one step of
    // 17TRACK, taken before faults pushed for "17track").
    void push_fault(const std::string& api, Fault fault, int times = 1);

    // Random failure injection: each tracking request with no scripted fault fails with
    // probability `fraction`, with one of `faults` picked at random. Seeded, so runs repeat.
    void set_random_faults(double fraction, std::vector<Fault> faults, std::uint32_t seed);
    // Appends one line per tracking request to `path`: `api endpoint numbers answer`.
    void set_request_log(const std::string& path);
    void set_retry_after(std::chrono::seconds seconds);
    void set_slow_delay(std::chrono::milliseconds delay);
    void set_huge_bytes(std::size_t bytes);
    void set_token_lifetime(std::chrono::seconds lifetime);

    // Every token issued so far stops working (401), as when tokens expire.
    void expire_tokens();

    // Requests seen per API (tracking endpoints only) and token requests per API.
    std::size_t requests(const std::string& api) const;
    std::size_t token_requests(const std::string& api) const;
    // Arrival times of `api`'s tracking requests.
    std::vector<std::chrono::steady_clock::time_point> request_times(const std::string& api) const;
    // Numbers per tracking request of `api`, in arrival order.
    std::vector<std::size_t> batch_sizes(const std::string& api) const;
    // Tracking requests of `api` that named `number` (17TRACK: register and gettrackinfo each).
    std::size_t requests_for(const std::string& api, const std::string& number) const;
    // Requests answered with `fault`, scripted or injected, over every API.
    std::size_t faults_served(Fault fault) const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace vtrguard::fakes
