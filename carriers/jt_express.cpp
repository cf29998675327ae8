#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// J&T Express (China): JT + 13 digits, no published check. J&T took over Best Express's China
// network, so JT numbers read as J&T.
CarrierSpec jt_express() {
    return {
        .code = "jt_express",
        .name = "J&T Express",
        .aliases = {"J&T", "JT Express", "极兔"},
        .tracking_url = "https://www.17track.net/en/track?nums=%s",
        .formats = {{.id = "jt_express", .service = "J&T Express", .pattern = "JT d{13}"}},
    };
}

} // namespace vtrguard::carriers::builtin
