#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// USPS Intelligent Mail package barcodes: application id 92-95, service, mailer id and serial,
// 22 or 26 digits with a mod 10 (3,1) check. A 92 carries a 9-digit mailer id (starting 9), a
// 93 a 6-digit one. Scanned barcodes add "420" + ZIP5 or ZIP+4 in front: stripped before upload.
CarrierSpec usps() {
    const CheckSpec impb{
        .algorithm = CheckAlgorithm::mod10, .evens_multiplier = 3, .odds_multiplier = 1};
    CheckSpec legacy_20 = impb;
    legacy_20.prepend = "91";
    return {
        .code = "usps",
        .name = "USPS",
        .aliases = {"United States Postal Service", "US Postal Service"},
        .marketplace_names = {"USPS"},
        .tracking_url = "https://tools.usps.com/go/TrackConfirmAction?tLabels=%s",
        .formats =
            {
                {.id = "usps_impb_92",
                 .service = "USPS IMpb",
                 .pattern = "92 d{3} 9 d{16}",
                 .check = impb},
                {.id = "usps_impb_92_26",
                 .service = "USPS IMpb",
                 .pattern = "92 d{3} 9 d{20}",
                 .check = impb},
                {.id = "usps_impb_93",
                 .service = "USPS IMpb",
                 .pattern = "93 d{3} [0-8] d{16}",
                 .check = impb},
                {.id = "usps_impb_93_26",
                 .service = "USPS IMpb",
                 .pattern = "93 d{3} [0-8] d{20}",
                 .check = impb},
                {.id = "usps_impb_94_95",
                 .service = "USPS IMpb",
                 .pattern = "(94|95) d{20}",
                 .check = impb},
                {.id = "usps_impb_94_95_26",
                 .service = "USPS IMpb",
                 .pattern = "(94|95) d{24}",
                 .check = impb},
                {.id = "usps_legacy_22",
                 .service = "USPS (legacy 91)",
                 .pattern = "91 d{20}",
                 .check = impb},
                {.id = "usps_legacy_20",
                 .service = "USPS (legacy)",
                 .pattern = "d{20}",
                 .check = legacy_20},
                {.id = "usps_20", .service = "USPS (20-digit)", .pattern = "d{20}", .check = impb},
                s10_format("usps_s10", "USPS international (S10)", "US"),
            },
        .barcode_prefixes = {{.pattern = "420 d{5}"}, {.pattern = "420 d{9}"}},
    };
}

} // namespace vtrguard::carriers::builtin
