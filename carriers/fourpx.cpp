#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// 4PX: "4PX" + letters and digits; no specification or check digit is published. Its S10
// items carry China Post's CN suffix and read as China Post.
CarrierSpec fourpx() {
    return {
        .code = "fourpx",
        .name = "4PX",
        .aliases = {"4PX Express", "递四方"},
        .marketplace_names = {"4PX"},
        .tracking_url = "https://track.4px.com/#/result/0/%s",
        .formats = {{.id = "fourpx", .service = "4PX", .pattern = "4PX x{10,20}"}},
    };
}

} // namespace vtrguard::carriers::builtin
