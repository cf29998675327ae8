#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// DHL Paket (Germany): 12 digits with a mod 10 check weighted 4,9, 20 digits 00340… (an SSCC)
// with a mod 10 check weighted 3,1, or a JJD piece number (JJD + 18 digits, an ISO 15459 licence
// plate with no published check). Yodel's JJD numbers have 16 digits, DHL Express's 10.
CarrierSpec dhl_paket() {
    return {
        .code = "dhl_paket",
        .name = "DHL Paket",
        .aliases = {"DHL Parcel Germany", "DHL Paket DE"},
        .marketplace_names = {"DHL-Paket"},
        .tracking_url =
            "https://www.dhl.de/en/privatkunden/pakete-empfangen/verfolgen.html?piececode=%s",
        .formats =
            {
                {.id = "dhl_paket_12",
                 .service = "DHL Paket",
                 .pattern = "d{12}",
                 .check = {.algorithm = CheckAlgorithm::mod10,
                           .evens_multiplier = 4,
                           .odds_multiplier = 9}},
                {.id = "dhl_paket_20",
                 .service = "DHL Paket (SSCC)",
                 .pattern = "00340 d{15}",
                 .check = {.algorithm = CheckAlgorithm::mod10,
                           .evens_multiplier = 3,
                           .odds_multiplier = 1}},
                {.id = "dhl_paket_jjd", .service = "DHL Paket (JJD piece)", .pattern = "JJD d{18}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
