#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Spee-Dee Delivery: SP + 18 digits; no check digit is published.
CarrierSpec speedee() {
    return {
        .code = "speedee",
        .name = "Spee-Dee Delivery",
        .formats =
            {
                {.id = "speedee", .service = "Spee-Dee Delivery", .pattern = "SP d{18}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
