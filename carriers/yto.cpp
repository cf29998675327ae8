#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// YTO Express (domestic China): YT + 13 digits, told from YunExpress's YT + 16 by length. A
// domestic first-mile number: no marketplace lists YTO.
CarrierSpec yto() {
    return {
        .code = "yto",
        .name = "YTO Express",
        .aliases = {"YTO", "圆通"},
        .tracking_url = "https://www.17track.net/en/track?nums=%s",
        .formats = {{.id = "yto", .service = "YTO Express", .pattern = "YT d{13}"}},
    };
}

} // namespace vtrguard::carriers::builtin
