#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Yanwen: S10-shaped numbers with a pseudo-country suffix. YN numbers carry a valid S10 check
// digit; YP numbers (UG…YP, UY…YP, VR…YP) have samples that disagree on it, so that reading
// is shape-only.
CarrierSpec yanwen() {
    return {
        .code = "yanwen",
        .name = "Yanwen",
        .aliases = {"Yanwen Express", "燕文"},
        .marketplace_names = {"Yanwen", "YANWEN"},
        .tracking_url = "https://track.yw56.com.cn/en/querydel?nums=%s",
        .formats =
            {
                // YN is no country: Yanwen's own suffix, on numbers whose S10 check holds.
                s10_format("yanwen_s10", "Yanwen (S10, YN)", "YN"),
                {.id = "yanwen", .service = "Yanwen", .pattern = "a{2} d{9} YP"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
