#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// PostNL: S10 numbers ending NL, and domestic 3S codes (3S + 4-letter customer code + digits)
// with no published check.
CarrierSpec postnl() {
    return {
        .code = "postnl",
        .name = "PostNL",
        .aliases = {"Post NL"},
        .marketplace_names = {"PostNL"},
        .tracking_url = "https://postnl.nl/tracktrace/?B=%s",
        .formats =
            {
                s10_format("postnl_s10", "PostNL (S10)", "NL"),
                {.id = "postnl_3s", .service = "PostNL 3S", .pattern = "3S a{4} d{7,11}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
