#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Hermes (Germany) and Evri (UK, formerly Hermes): 14 or 16 digits, or H + 15 letters and
// digits. No check digit is published: read only when declared.
CarrierSpec hermes() {
    return {
        .code = "hermes",
        .name = "Hermes / Evri",
        .aliases = {"Evri", "myHermes"},
        .marketplace_names = {"Hermes", "Hermes Logistik Gruppe"},
        .tracking_url = "https://www.evri.com/track/parcel/%s",
        .formats =
            {
                {.id = "hermes_digits",
                 .service = "Hermes",
                 .pattern = "d{14}",
                 .needs_declared = true},
                {.id = "evri", .service = "Evri", .pattern = "H x{15}", .needs_declared = true},
            },
    };
}

} // namespace vtrguard::carriers::builtin
