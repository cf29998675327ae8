#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Cainiao: LP + 12-15 digits, AliExpress's internal reference, and CNUSUP + 11 digits, the
// number of its US delivery network. Neither carries a published check digit. No marketplace
// lists Cainiao as a carrier: the S10 or last-mile number is the one to upload.
CarrierSpec cainiao() {
    return {
        .code = "cainiao",
        .name = "Cainiao",
        .aliases = {"AliExpress Standard Shipping", "菜鸟"},
        .tracking_url = "https://global.cainiao.com/newDetail.htm?mailNoList=%s",
        .formats =
            {
                {.id = "cainiao_lp", .service = "Cainiao", .pattern = "LP d{12,15}"},
                // DHL eCommerce's `CN` + 10-39 characters also fits; the longer literal leads.
                {.id = "cainiao_cnusup", .service = "Cainiao (US)", .pattern = "CNUSUP d{11}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
