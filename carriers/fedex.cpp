#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// FedEx Express 12-digit numbers and the 32/34-digit barcodes around them carry a weighted
// mod 11 check; FedEx Ground (15 digits, SSCC-18, the 96 barcodes) a mod 10 check.
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
    CheckSpec sscc{.algorithm = CheckAlgorithm::mod10,
                   .serial_begin = 2,
                   .evens_multiplier = 3,
                   .odds_multiplier = 1};
    CheckSpec ground_96 = ground;
    ground_96.serial_begin = 7;
    return {
        .code = "fedex",
        .name = "FedEx",
        .aliases = {"Federal Express", "FedEx Ground", "FedEx Express"},
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
                {.id = "fedex_ground_sscc18",
                 .service = "FedEx Ground (SSCC-18)",
                 .pattern = "d{18}",
                 .check = sscc},
                {.id = "fedex_ground_96",
                 .service = "FedEx Ground (96 barcode)",
                 .pattern = "96 d{20}",
                 .check = ground_96},
                {.id = "fedex_ground_gsn",
                 .service = "FedEx Ground (GSN barcode)",
                 .pattern = "96 d{32}",
                 .check = express_34},
            },
    };
}

} // namespace vtrguard::carriers::builtin
