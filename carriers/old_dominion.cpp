#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Old Dominion Freight Line PRO numbers: 11 digits with a Luhn check.
CarrierSpec old_dominion() {
    const CheckSpec luhn{.algorithm = CheckAlgorithm::luhn};
    return {
        .code = "old_dominion",
        .name = "Old Dominion Freight Line",
        .aliases = {"Old Dominion", "ODFL"},
        .formats =
            {
                {.id = "old_dominion_pro",
                 .service = "Old Dominion PRO",
                 .pattern = "(777|778|072|780) d{8}",
                 .check = luhn},
                {.id = "old_dominion_guaranteed",
                 .service = "Old Dominion Guaranteed",
                 .pattern = "80 d{9}",
                 .check = luhn},
            },
    };
}

} // namespace vtrguard::carriers::builtin
