#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// FedEx Express 12-digit numbers and the 32/34-digit barcodes around them carry a weighted
// mod 11 check; FedEx Ground (15 digits, SSCC-18) a mod 10 check. The Ground labels' 96
// barcodes wrap a tracking number: 96 + SCNC + service (7 digits) + the 15-digit Ground number,
// or, in the 34-digit form, 22 digits + the 12-digit number. Scanned whole, they are not the
// tracking number a marketplace matches: the number inside is suggested instead. Ground Economy
// (SmartPost) prints a USPS IMpb without its leading 92: 20 digits whose check needs the 92.
CarrierSpec fedex() {
    const CheckSpec express{.algorithm = CheckAlgorithm::weighted_mod,
                            .serial_begin = 0,
                            .serial_end = -1,
                            .check_at = -1,
                            .weights = {3, 1, 7},
                            .modulo1 = 11,
                            .modulo2 = 10};
    CheckSpec express_34 = express;
    express_34.serial_begin = 20;
    express_34.weights = {1, 7, 3};
    CheckSpec astra = express;
    astra.serial_begin = 16;
    astra.serial_end = 27;
    astra.check_at = 27;
    const CheckSpec ground{
        .algorithm = CheckAlgorithm::mod10, .evens_multiplier = 1, .odds_multiplier = 3};
    // Ground Economy (formerly SmartPost) hands parcels to USPS under an IMpb whose leading
    // application id 92 FedEx does not print: the check digit verifies only with it in front.
    CheckSpec ground_economy = ground;
    ground_economy.evens_multiplier = 3;
    ground_economy.odds_multiplier = 1;
    ground_economy.prepend = "92";
    CheckSpec sscc{.algorithm = CheckAlgorithm::mod10,
                   .serial_begin = 2,
                   .evens_multiplier = 3,
                   .odds_multiplier = 1};
    return {
        .code = "fedex",
        .name = "FedEx",
        .aliases = {"Federal Express", "FedEx Ground", "FedEx Express"},
        .marketplace_names = {"FedEx", "FedEx SmartPost", "FEDEX_JP"},
        .tracking_url = "https://www.fedex.com/fedextrack/?trknbr=%s",
        .formats =
            {
                // Ties with Purolator's 12 digits: FedEx is by far the likelier reading.
                {.id = "fedex_express_12",
                 .service = "FedEx Express",
                 .pattern = "d{12}",
                 .check = express,
                 .priority = 1},
                {.id = "fedex_express_34",
                 .service = "FedEx Express (34-digit barcode)",
                 .pattern = "[0-8] d{33}",
                 .check = express_34},
                {.id = "fedex_astra_32",
                 .service = "FedEx Express (ASTRA barcode)",
                 .pattern = "3 d{31}",
                 .check = astra},
                {.id = "fedex_ground_15",
                 .service = "FedEx Ground",
                 .pattern = "d{15}",
                 .check = ground},
                // Service (3 digits) + the USPS mailer id (9 digits, starting 9) + serial +
                // check: 6129…, 7489… in the numbers users report.
                {.id = "fedex_ground_economy_20",
                 .service = "FedEx Ground Economy (SmartPost)",
                 .pattern = "d{3} 9 d{16}",
                 .check = ground_economy},
                {.id = "fedex_ground_sscc18",
                 .service = "FedEx Ground (SSCC-18)",
                 .pattern = "d{18}",
                 .check = sscc},
            },
        .barcode_prefixes =
            {{.pattern = "96 d{5}", .kind = PrefixKind::barcode_data, .number_length = 15},
             {.pattern = "96 d{20}", .kind = PrefixKind::barcode_data, .number_length = 12}},
    };
}

} // namespace vtrguard::carriers::builtin
