// One carrier API's response parser on any body. Built once per API: VTRGUARD_FUZZ_API names
// it (`ups`, `fedex`, `usps`, `dhl`, `17track`), or `token` for the OAuth token reply. Every
// step is parsed with the statuses carriers really send.

#include <vtrguard/carriers/tracking_api.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view k_api = VTRGUARD_FUZZ_API;
constexpr std::array k_statuses{200, 400, 401, 404, 429, 500};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vtrguard::carriers;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    if constexpr (k_api == "token") {
        for (const int status : k_statuses) {
            (void)parse_token_response(status, body);
        }
        return 0;
    } else {
        static const std::unique_ptr<TrackingApi> api = make_tracking_api(k_api);
        static const std::vector<TrackQuery> queries{
            {"1Z5R89390357567127", ""},
            {"9400111201080805483016", ""},
            {"RB123456785GB", ""},
        };
        const std::span<const TrackQuery> batch(queries.data(),
                                                std::min(queries.size(), api->max_batch()));
        for (std::size_t step = 0; step < api->step_count(); ++step) {
            for (const int status : k_statuses) {
                (void)api->parse(step, status, body, batch);
            }
        }
        return 0;
    }
}
