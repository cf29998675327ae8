#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Canada Post: 16 digits (7-digit origin id + 8 + check), mod 10 (3,1); S10 items end in CA.
CarrierSpec canada_post() {
    return {
        .code = "canada_post",
        .name = "Canada Post",
        .aliases = {"Postes Canada", "CanadaPost"},
        .marketplace_names = {"Canada Post"},
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
                s10_format("canada_post_s10", "Canada Post international (S10)", "CA"),
            },
    };
}

} // namespace vtrguard::carriers::builtin
