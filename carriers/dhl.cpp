#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// DHL Express waybills: 10 or 11 digits, the last the rest mod 7. Piece ids: J + 2-3 letters +
// digits. DHL eCommerce: a two-letter origin prefix + 10-39 characters, or 14 digits; neither
// has a published check digit, so those readings are shape-only.
CarrierSpec dhl() {
    const CheckSpec mod7{.algorithm = CheckAlgorithm::mod7};
    return {
        .code = "dhl",
        .name = "DHL",
        .aliases = {"DHL Express"},
        .marketplace_names = {"DHL", "DHL eCommerce", "DHL Global Mail"},
        .tracking_url = "https://www.dhl.com/global-en/home/tracking.html?tracking-id=%s",
        .formats =
            {
                {.id = "dhl_express",
                 .service = "DHL Express",
                 .pattern = "d{10,11}",
                 .check = mod7},
                // JJD ids carry 10 digits; J + 2 letters + 9 digits would also read as
                // Purolator's 3 letters + 9 digits.
                {.id = "dhl_express_piece",
                 .service = "DHL Express piece id",
                 .pattern = "J a{2} d{10}"},
                {.id = "dhl_express_piece_long",
                 .service = "DHL Express piece id",
                 .pattern = "J a{3} d{9,10}"},
                {.id = "dhl_ecommerce",
                 .service = "DHL eCommerce",
                 .pattern = "(GM|LX|RX|UV|CN|SG|TH|IN|HK|MY) x{10,39}"},
                {.id = "dhl_ecommerce_14", .service = "DHL eCommerce", .pattern = "d{14}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
