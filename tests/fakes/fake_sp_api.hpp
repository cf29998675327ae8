#pragma once

#include <vtrguard/core/clock.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::fakes {

// The LWA credentials the fake accepts.
inline constexpr std::string_view k_fake_lwa_client = "amzn1.application-oa2-client.fake";
inline constexpr std::string_view k_fake_lwa_secret = "lwa-secret-7c1e09";
inline constexpr std::string_view k_fake_refresh_token = "Atzr|fake-refresh-51d2";

struct FakeSpPackage {
    std::string reference = "1";
    std::string carrier;
    std::string tracking_number;
    std::optional<core::TimePoint> ship_time;
    std::string status = "SHIPPED";
    std::string detailed_status = "PENDING_PICK_UP";
};

// One order as the fake's searchOrders renders it (Orders API 2026-01-01 shape).
struct FakeSpOrder {
    std::string order_id;
    std::string marketplace_id = "ATVPDKIKX0DER";
    core::TimePoint created{};
    core::TimePoint last_updated{};
    std::optional<core::TimePoint> ship_by;
    std::optional<core::TimePoint> deliver_by;
    std::string status = "UNSHIPPED";
    std::vector<FakeSpPackage> packages;
};

// A scripted misbehaviour of the next searchOrders requests.
enum class SpFault : std::uint8_t {
    quota_exceeded, // 429 QuotaExceeded, no Retry-After
    expired_token,  // 403 Unauthorized, as for an expired access token
    server_error,   // 503
    cut_body,       // Content-Length promises more than is sent, then the socket closes
    not_json,       // 200 with an HTML page
    missing_fields, // 200, the page's first order without createdTime
};

// Selling Partner API on 127.0.0.1 (port chosen by the kernel), on its own thread: the LWA
// token endpoint (`/auth/o2/token`) and searchOrders (`/orders/2026-01-01/orders`) with its
// parameter rules (marketplaceIds required; exactly one of createdAfter / lastUpdatedAfter;
// *Before at least 2 minutes in the past and of the same family; maxResultsPerPage 1-100;
// paginationToken only as issued), answered 400 InvalidInput when broken, a token bucket
// (429 QuotaExceeded), token expiry (403) and bad bodies. Every method is thread-safe.
class FakeSpApi {
public:
    explicit FakeSpApi(std::uint16_t port = 0);
    ~FakeSpApi();
    FakeSpApi(const FakeSpApi&) = delete;
    FakeSpApi& operator=(const FakeSpApi&) = delete;
    FakeSpApi(FakeSpApi&&) = delete;
    FakeSpApi& operator=(FakeSpApi&&) = delete;

    std::string url() const; // http://127.0.0.1:port
    std::string token_url() const;

    // Adds or replaces an order (by id).
    void put_order(FakeSpOrder order);
    void set_page_size(int size); // default 100, and never more than maxResultsPerPage

    // searchOrders' usage plan; rate 0 (the default) lifts it.
    void set_rate_limit(double requests_per_second, double burst);
    void push_fault(SpFault fault, int times = 1);

    void set_token_lifetime(std::chrono::seconds lifetime); // default 3600 s
    void expire_tokens();                                   // issued tokens answer 403
    void set_refuse_refresh_token(bool refuse);             // LWA answers invalid_grant

    std::size_t search_requests() const; // answered ones, 429s and 403s included
    std::size_t token_requests() const;
    std::size_t throttled() const;                // 429s sent
    std::vector<std::string> rule_breaks() const; // why each 400 was sent
    std::vector<std::string> queries() const;     // each searchOrders target, in order

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace vtrguard::fakes
