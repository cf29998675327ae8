#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// GLS: 11-12 digit parcel numbers and 8-character track ids; no check digit is published and
// both are bare runs, so they are read only when declared.
CarrierSpec gls() {
    return {
        .code = "gls",
        .name = "GLS",
        .aliases = {"General Logistics Systems"},
        .marketplace_names = {"GLS"},
        .tracking_url = "https://gls-group.com/GROUP/en/parcel-tracking?match=%s",
        .formats =
            {
                {.id = "gls_parcel",
                 .service = "GLS parcel number",
                 .pattern = "d{11,12}",
                 .needs_declared = true},
                {.id = "gls_track_id",
                 .service = "GLS track id",
                 .pattern = "x{8}",
                 .needs_declared = true},
            },
    };
}

} // namespace vtrguard::carriers::builtin
