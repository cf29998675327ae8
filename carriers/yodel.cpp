#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Yodel (UK): JJD or JD + 16 digits; no check digit is published.
CarrierSpec yodel() {
    return {
        .code = "yodel",
        .name = "Yodel",
        .marketplace_names = {"Yodel"},
        .tracking_url = "https://www.yodel.co.uk/tracking/%s",
        .formats =
            {
                {.id = "yodel", .service = "Yodel", .pattern = "(JJD|JD) d{16}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
