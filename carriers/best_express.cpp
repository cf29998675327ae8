#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Best Express: 13-15 bare digits, no published check: read only when declared.
CarrierSpec best_express() {
    return {
        .code = "best_express",
        .name = "Best Express",
        .aliases = {"Best", "百世"},
        .marketplace_names = {"Best Express"},
        .tracking_url = "https://www.17track.net/en/track?nums=%s",
        .formats = {{.id = "best_express",
                     .service = "Best Express",
                     .pattern = "d{13,15}",
                     .needs_declared = true}},
    };
}

} // namespace vtrguard::carriers::builtin
