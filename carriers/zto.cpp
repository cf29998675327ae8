#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// ZTO Express (domestic China): 12-14 bare digits under many prefixes, no published check: read
// only when declared. A domestic first-mile number: no marketplace lists ZTO.
CarrierSpec zto() {
    return {
        .code = "zto",
        .name = "ZTO Express",
        .aliases = {"ZTO", "中通"},
        .tracking_url = "https://www.17track.net/en/track?nums=%s",
        .formats = {{.id = "zto",
                     .service = "ZTO Express",
                     .pattern = "d{12,14}",
                     .needs_declared = true}},
    };
}

} // namespace vtrguard::carriers::builtin
