// Amazon's answers on any body: the searchOrders page parser, the SP-API error reader, the LWA
// token reply (granted and refused statuses), and the mapping of every order the page yields.

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/sources/order_mapping.hpp>
#include <vtrguard/sources/sp_api.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vtrguard;
    const carriers::Ruleset& rules = carriers::Ruleset::builtin();
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    if (const auto page = sources::parse_search_page(body)) {
        for (const auto& order : page->orders) {
            (void)sources::map_order(order, rules);
        }
    }
    (void)sources::sp_error_code(body);

    http::Reply reply;
    reply.body = std::string(body);
    for (const int status : std::array{200, 400, 401}) {
        reply.status = status;
        (void)sources::parse_token_reply(reply);
    }
    return 0;
}
