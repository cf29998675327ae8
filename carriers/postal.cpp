#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// UPU S10 items of any national post: service letters, 8 digits, mod 11 check, ISO country of
// the issuing post. National posts vtrguard knows by name claim their own suffix with a literal
// pattern (`a{2} d{9} US`), which reads as more specific than this catch-all.
CarrierSpec postal() {
    return {
        .code = "postal",
        .name = "National post (UPU S10)",
        .aliases = {"S10", "Postal"},
        .tracking_url = "https://www.17track.net/en/track?nums=%s",
        .formats =
            {
                {.id = "upu_s10",
                 .service = "UPU S10 international mail",
                 .pattern = "a{2} d{9} a{2}",
                 .check = s10_check_spec(),
                 .country_suffix = true},
            },
    };
}

} // namespace vtrguard::carriers::builtin
