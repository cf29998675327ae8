#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Canada Post: 16 digits (7-digit origin id + 8 + check), mod 10 (3,1); S10 items end in CA.
CarrierSpec canada_post() {
    return {
        .code = "canada_post",
        .name = "Canada Post",
        .aliases = {"Postes Canada", "CanadaPost"},
        .tracking_url =
            "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=%s",
        .formats =
            {
                {.id = "canada_post_16",
                 .service = "Canada Post",
                 .pattern = "d{16}",
                 .check = {.algorithm = CheckAlgorithm::mod10,
                           .evens_multiplier = 3,
                           .odds_multiplier = 1}},
                {.id = "canada_post_s10",
                 .service = "Canada Post international (S10)",
                 .pattern = "a{2} d{9} CA",
                 .check = s10_check_spec()},
            },
    };
}

} // namespace vtrguard::carriers::builtin
