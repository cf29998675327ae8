#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// YunExpress: YT + 16 digits; no check digit is published.
CarrierSpec yunexpress() {
    return {
        .code = "yunexpress",
        .name = "YunExpress",
        .aliases = {"YunExpress China"},
        .marketplace_names = {"Yun Express"},
        .tracking_url = "https://www.yuntrack.com/parcelTracking?id=%s",
        .formats =
            {
                {.id = "yunexpress", .service = "YunExpress", .pattern = "YT d{16}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
