#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Purolator: 12 digits starting 0-5 with a Luhn check, or 3 letters + 9 digits.
CarrierSpec purolator() {
    return {
        .code = "purolator",
        .name = "Purolator",
        .tracking_url = "https://www.purolator.com/en/shipping/tracker?pin=%s",
        .formats =
            {
                {.id = "purolator_numeric",
                 .service = "Purolator",
                 .pattern = "[0-5] d{11}",
                 .check = {.algorithm = CheckAlgorithm::luhn}},
                {.id = "purolator_alpha", .service = "Purolator", .pattern = "a{3} d{9}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
