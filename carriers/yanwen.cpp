#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Yanwen: S10-shaped numbers with the private suffix YP (UG…YP, UY…YP, VR…YP). Samples disagree
// on whether the S10 check holds, so the reading is shape-only.
CarrierSpec yanwen() {
    return {
        .code = "yanwen",
        .name = "Yanwen",
        .aliases = {"Yanwen Express", "燕文"},
        .marketplace_names = {"Yanwen", "YANWEN"},
        .tracking_url = "https://track.yw56.com.cn/en/querydel?nums=%s",
        .formats = {{.id = "yanwen", .service = "Yanwen", .pattern = "a{2} d{9} YP"}},
    };
}

} // namespace vtrguard::carriers::builtin
