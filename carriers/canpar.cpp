#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Canpar: one of CDKLSUXZ + 21 digits; no check digit is published.
CarrierSpec canpar() {
    return {
        .code = "canpar",
        .name = "Canpar",
        .tracking_url = "https://www.canpar.com/en/tracking/track.htm?barcode=%s",
        .formats =
            {
                {.id = "canpar_22", .service = "Canpar", .pattern = "[CDKLSUXZ] d{21}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
