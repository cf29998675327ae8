#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// DPD: 27 digits (zip, parcel, service, country) or 14 digits, then an ISO 7064 MOD 37,36
// check character.
CarrierSpec dpd() {
    const CheckSpec mod37_36{.algorithm = CheckAlgorithm::mod37_36};
    return {
        .code = "dpd",
        .name = "DPD",
        .marketplace_names = {"DPD"},
        .tracking_url = "https://tracking.dpd.de/status/en_US/parcel/%s",
        .formats =
            {
                {.id = "dpd_28", .service = "DPD", .pattern = "d{27} x", .check = mod37_36},
                {.id = "dpd_15", .service = "DPD", .pattern = "d{14} x", .check = mod37_36},
            },
    };
}

} // namespace vtrguard::carriers::builtin
